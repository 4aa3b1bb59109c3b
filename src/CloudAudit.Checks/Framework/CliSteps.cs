namespace CloudAudit.Checks.Framework;

/// <summary>CLI fix steps more than one check needs (see docs/remediation.md).</summary>
public static class CliSteps
{
    /// <summary>
    /// For APIs that take a whole document back (a task definition, an agent runtime): <paramref name="read"/>
    /// writes the current document to FILE.json, <c>jq <paramref name="jq"/></c> (options and a quoted filter;
    /// slot values only through --arg) edits it into new-FILE.json, and <paramref name="write"/> takes that
    /// as <paramref name="input"/>.
    /// </summary>
    public static string ReadEditWrite(string read, string file, string jq, string write, string input = "--cli-input-json") => $"""
        {read} --output json > {file}.json
        jq {jq} {file}.json > new-{file}.json
        {write} {input} file://new-{file}.json
        """;
}
