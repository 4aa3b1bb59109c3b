using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Tests.Framework;

public class RemediationRenderingTests
{
    private static RenderedRemediation Render(string cli, string terraform, SlotValues slots) =>
        new RemediationTemplate(cli, terraform, "https://docs.aws.amazon.com/", Effort.Low).Render(slots);

    [Theory]
    [InlineData("plain-name", "plain-name")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("a;b|c&d`e`", "'a;b|c&d`e`'")]
    [InlineData("arn:aws:logs:us-east-1:1:log-group:x:*", "'arn:aws:logs:us-east-1:1:log-group:x:*'")]
    [InlineData("", "''")]
    public void Shell_slots_become_exactly_one_safe_word(string value, string expected)
    {
        Assert.Equal($"aws x --name {expected}", Render("aws x --name {v}", "", new SlotValues().With("v", value)).Cli);
    }

    [Theory]
    [InlineData("simple", "\"simple\"")]
    [InlineData("quote\"back\\slash", "\"quote\\\"back\\\\slash\"")]
    [InlineData("${file(\"/etc/passwd\")}", "\"$${file(\\\"/etc/passwd\\\")}\"")]
    [InlineData("%{if true}x%{endif}", "\"%%{if true}x%%{endif}\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void Hcl_slots_become_inert_string_literals(string value, string expected)
    {
        Assert.Equal($"name = {expected}", Render("", "name = {v}", new SlotValues().With("v", value)).Terraform);
    }

    [Theory]
    [InlineData("my-bucket.logs", "my_bucket_logs")]
    [InlineData("123abc", "r_123abc")]
    [InlineData("--", "r_")]
    public void Identifier_slots_become_valid_terraform_names(string value, string expected)
    {
        Assert.Equal($"resource \"x\" \"{expected}\" {{}}", Render("", "resource \"x\" \"{v:id}\" {}", new SlotValues().With("v", value)).Terraform);
    }

    [Fact]
    public void Unknowable_values_render_as_placeholders_in_each_language()
    {
        var rendered = Render("aws x --topic {t}", "topic = {t}", new SlotValues().Placeholder("t", "SNS_TOPIC_ARN"));
        Assert.Equal("aws x --topic <SNS_TOPIC_ARN>", rendered.Cli);
        Assert.Equal("topic = \"<SNS_TOPIC_ARN>\"", rendered.Terraform);
    }

    [Fact]
    public void A_slot_with_several_values_repeats_the_lines_that_use_it_together()
    {
        const string cli = "aws a --user {u}\naws b --arn {p}\naws c --arn {p} --user {u}\n# done";
        var slots = new SlotValues().With("u", "bob").With("p", new SlotValue.Each(["arn:1", "it's"]));
        Assert.Equal("aws a --user bob\naws b --arn arn:1\naws c --arn arn:1 --user bob\naws b --arn 'it'\\''s'\naws c --arn 'it'\\''s' --user bob\n# done",
            Render(cli, "", slots).Cli);
        Assert.Equal("arns = [\n  \"arn:1\",\n  \"it's\",\n]", Render("", "arns = [\n  {p},\n]", slots).Terraform);
    }

    [Fact]
    public void Without_values_the_lines_go_and_as_a_placeholder_they_appear_once()
    {
        const string cli = "aws a\naws b --arn {p}\naws c";
        Assert.Equal("aws a\naws c", Render(cli, "", new SlotValues().With("p", new SlotValue.Each([]))).Cli);
        Assert.Equal("aws a\naws b --arn <POLICY_ARN>\naws c", Render(cli, "", new SlotValues().Placeholder("p", "POLICY_ARN")).Cli);
    }

    [Fact]
    public void A_line_repeats_for_one_slot_only()
    {
        var slots = new SlotValues().With("a", new SlotValue.Each(["1"])).With("b", new SlotValue.Each(["2"]));
        Assert.Throws<ArgumentException>(() => Render("aws x --a {a} --b {b}", "", slots));
    }

    [Fact]
    public void A_missing_slot_value_is_an_error_not_a_silent_blank()
    {
        Assert.Throws<KeyNotFoundException>(() => Render("aws x --name {missing}", "", new SlotValues()));
    }

    [Fact]
    public void Raw_slots_refuse_shell_metacharacters()
    {
        Assert.Throws<ArgumentException>(() => Render("aws x --count {n:raw}", "", new SlotValues().With("n", "1; rm -rf /")));
    }
}
