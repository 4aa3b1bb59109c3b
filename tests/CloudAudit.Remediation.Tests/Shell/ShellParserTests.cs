namespace CloudAudit.Remediation.Tests.Shell;

public class ShellParserTests
{
    private static List<List<string>> Words(string script)
    {
        var parsed = ShellParser.Parse(script);
        Assert.Empty(parsed.Errors);
        return parsed.Commands.Select(c => c.Words.Select(w => w.Value).ToList()).ToList();
    }

    [Fact]
    public void Splits_commands_on_newlines_separators_and_joins_continued_lines()
    {
        var commands = Words("# create\naws a b \\\n  --x 1; aws c d && aws e f || aws g h\n\naws i j # note\n");
        Assert.Equal([["aws", "a", "b", "--x", "1"], ["aws", "c", "d"], ["aws", "e", "f"], ["aws", "g", "h"], ["aws", "i", "j"]], commands);
        Assert.Equal([2, 3, 3, 3, 5], ShellParser.Parse("# create\naws a b \\\n  --x 1; aws c d && aws e f || aws g h\n\naws i j # note\n").Commands.Select(c => c.Line));
    }

    [Fact]
    public void Removes_quotes_as_the_shell_does()
    {
        var words = Words("aws x 'it'\\''s' \"say \\\"hi\\\" \\\\ \\$\" a\\ b '' 'multi\nline' x#y")[0];
        Assert.Equal(["aws", "x", "it's", "say \"hi\" \\ $", "a b", "", "multi\nline", "x#y"], words);
    }

    [Fact]
    public void A_whole_angle_bracket_word_is_a_placeholder()
    {
        var words = ShellParser.Parse("aws x --topic <SNS_TOPIC_ARN>").Commands[0].Words;
        Assert.True(words[^1].IsPlaceholder);
        Assert.Contains(ShellParser.Parse("aws x --arn arn:<ACCOUNT_ID>").Errors, e => e.Contains("redirection", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_to_a_file_ends_a_command()
    {
        var parsed = ShellParser.Parse("aws x --y z > out.json\naws a >b.json; aws c > c.json # note\naws d");
        Assert.Empty(parsed.Errors);
        Assert.Equal(["out.json", "b.json", "c.json", null], parsed.Commands.Select(c => c.Output));
        Assert.Equal(["aws", "x", "--y", "z"], parsed.Commands[0].Words.Select(w => w.Value));
    }

    [Theory]
    [InlineData("aws x > out.json --more")]
    [InlineData("aws x >> out.json")]
    [InlineData("aws x 2> err.txt")]
    [InlineData("aws x >&2")]
    [InlineData("aws x > /tmp/out.json")]
    [InlineData("aws x > ../out.json")]
    [InlineData("aws x < in.json")]
    [InlineData("aws x>out.json")]
    [InlineData("aws x > out#1.json")]
    public void Refuses_other_redirections(string script)
    {
        Assert.Contains(ShellParser.Parse(script).Errors, e => e.Contains("redirection", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws x ~/file", "'~'")]
    [InlineData("aws x a!b", "'!'")]
    [InlineData("aws x \"a!b\"", "history expansion")]
    [InlineData("aws x `id`", "expanded")]
    [InlineData("aws x (a)", "subshell")]
    [InlineData("aws x &", "background")]
    [InlineData("aws x \"open", "unterminated double quote")]
    public void Refuses_what_the_shell_would_expand_or_redirect(string script, string reason)
    {
        Assert.Contains(ShellParser.Parse(script).Errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Bash_agrees_on_a_script_that_uses_every_quoting_form()
    {
        const string script = "# c\naws one 'it'\\''s' \"a \\\"b\\\" \\\\c\" d\\ e '' \\\n  'x\ny' <PLACE_HOLDER> x#y; aws two && aws three --k=v";
        Assert.Null(RemediationCliTests.BashDisagreement(script));
    }

    [Fact]
    public void The_round_trip_notices_when_the_parser_and_bash_differ()
    {
        // bash joins "a""b" into one word; a parser that split it would be caught.
        var bash = Bash.Run("aws x \"a\"'b' c\\ d > out.json\njq . out.json > copy.json");
        Assert.Equal([["aws", "x", "ab", "c d"], ["jq", ".", "out.json"]], bash.Calls);
        Assert.Equal(["copy.json", "out.json"], bash.Files);
        Assert.NotNull(Bash.SyntaxError("aws x 'open"));
    }
}
