namespace CloudAudit.Remediation.Tests.Snippets;

public enum SnippetLanguage { Cli, Terraform }

/// <summary>
/// One rendered fix: the check it belongs to, where it came from (a demo finding, or the check's
/// template as its documentation page shows it) and its text.
/// </summary>
public sealed record Snippet(string CheckId, string Origin, SnippetLanguage Language, string Text)
{
    /// <summary>How a failure names the snippet: check, origin, and the text itself.</summary>
    public string Describe(string reason) =>
        $"{CheckId} ({Origin}, {Language}): {reason}\n" + string.Join('\n', Text.Split('\n').Select(l => "    | " + l));
}
