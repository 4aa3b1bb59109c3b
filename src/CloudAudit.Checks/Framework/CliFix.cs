using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Checks.Framework;

/// <summary>Pieces of CLI fixes more than one check needs (see docs/remediation.md).</summary>
public static class CliFix
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A JSON parameter value the check builds because it holds slot values or placeholders: passed as one
    /// slot, compact, with &lt; &gt; &amp; + left readable (the renderer single-quotes the shell word).
    /// </summary>
    public static string Json(JsonNode value) => value.ToJsonString(Compact);

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
