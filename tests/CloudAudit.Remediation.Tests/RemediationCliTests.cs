using CloudAudit.Remediation.Tests.Cli;
using CloudAudit.Remediation.Tests.Shell;
using CloudAudit.Remediation.Tests.Snippets;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests;

/// <summary>Every AWS CLI fix of every check is a series of real aws commands (with jq between them) that bash reads as we do.</summary>
public class RemediationCliTests
{
    public static TheoryData<string> CheckIds => SnippetAssert.CheckIds;

    private static readonly AwsCliValidator Validator = new(AwsCliCatalog.Default);

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Every_cli_fix_runs_as_written(string checkId) =>
        SnippetAssert.AllValid(RemediationSnippets.Of(checkId, SnippetLanguage.Cli), s => CliProblems(s.Text));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Bash_reads_every_cli_fix_as_the_validator_does(string checkId) =>
        SnippetAssert.AllValid(RemediationSnippets.Of(checkId, SnippetLanguage.Cli).DistinctBy(s => s.Text),
            s => BashDisagreement(s.Text) is { } reason ? [reason] : []);

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Slot_values_with_shell_metacharacters_stay_one_word(string checkId) =>
        SnippetAssert.AllValid(HostileSlots.Of(checkId), r => r.Hostile(SnippetLanguage.Cli),
            r => HostileProblems(r.WithHostileValues.Cli, r.WithPlaceholders.Cli));

    private static List<string> HostileProblems(string hostile, string withPlaceholders)
    {
        var expected = ShellParser.Parse(withPlaceholders).Commands.Select(c => c.Words.Count).ToList();
        var script = ShellParser.Parse(hostile);
        if (script.Errors.Count > 0) return script.Errors.ToList();
        var words = script.Commands.Select(c => c.Words.Count).ToList();
        if (!words.SequenceEqual(expected))
            return [$"commands have [{string.Join(", ", words)}] words, with placeholders [{string.Join(", ", expected)}]: a slot is not quoted as one word"];
        return BashDisagreement(hostile) is { } reason ? [reason] : [];
    }

    /// <summary>Why the snippet is not a valid series of aws (and jq) commands (empty when it is).</summary>
    internal static List<string> CliProblems(string text)
    {
        var script = ShellParser.Parse(text);
        var errors = script.Errors.ToList();
        if (script.Commands.Count == 0) errors.Add("no command");
        foreach (var command in script.Commands)
            errors.AddRange(command.Words[0].Value == JqCommand.Name ? JqCommand.Validate(command) : Validator.Validate(command));
        errors.AddRange(FileFlow.Problems(script.Commands));
        return errors;
    }

    /// <summary>Where bash disagrees with <see cref="ShellParser"/> about the snippet (placeholders filled in), or null.</summary>
    internal static string? BashDisagreement(string text)
    {
        var filled = Bash.FillPlaceholders(text);
        var script = ShellParser.Parse(filled);
        if (script.Errors.Count > 0 || script.Commands.Any(c => !Bash.Commands.Contains(c.Words[0].Value)))
            return "not plain aws commands: " + string.Join("; ", script.Errors);
        if (Bash.SyntaxError(filled) is { } syntax)
            return $"bash -n: {syntax}";
        var ours = script.Commands.Select(c => c.Words.Select(w => w.Value).ToList()).ToList();
        var bash = Bash.Run(filled);
        if (ours.Count != bash.Calls.Count)
            return $"bash runs {bash.Calls.Count} commands, the validator saw {ours.Count}";
        for (var i = 0; i < ours.Count; i++)
            if (!ours[i].SequenceEqual(bash.Calls[i]))
                return $"command {i + 1}: bash passes [{string.Join(" | ", bash.Calls[i])}], the validator read [{string.Join(" | ", ours[i])}]";
        var outputs = script.Commands.Select(c => c.Output).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (!outputs.SequenceEqual(bash.Files))
            return $"bash writes [{string.Join(", ", bash.Files)}], the validator read [{string.Join(", ", outputs)}]";
        return null;
    }
}
