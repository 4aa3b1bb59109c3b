using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests.Terraform;

/// <summary>A snippet parsed by HashiCorp's HCL parser: the configuration in Terraform's JSON form, or the parser's diagnostics.</summary>
public sealed record HclParse(JsonObject? Configuration, string? Error);

/// <summary>
/// Parses HCL with the real parser (Go's hashicorp/hcl in WebAssembly, npm @cdktf/hcl2json), run by
/// node over tools/remediation-validation/parse-hcl.mjs: all texts in one batch, one process.
/// </summary>
public static class HclParser
{
    public static IReadOnlyDictionary<string, HclParse> ParseAll(IEnumerable<string> texts)
    {
        var distinct = texts.Distinct().ToList();
        var tools = RepoPaths.ValidationTools;
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@cdktf", "hcl2json")))
            throw new InvalidOperationException($"the HCL parser is not installed: run `npm ci` in {tools} (test.sh does)");
        var result = ProcessRunner.Run("node", [Path.Combine(tools, "parse-hcl.mjs")], JsonSerializer.Serialize(distinct), tools);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"parse-hcl.mjs failed ({result.ExitCode}): {result.Stderr}");
        var parsed = JsonNode.Parse(result.Stdout)!.AsArray();
        return distinct.Select((text, i) => (text, node: parsed[i]!.AsObject())).ToDictionary(
            p => p.text,
            p => p.node["json"] is JsonObject json ? new HclParse(json, null) : new HclParse(null, p.node["error"]!.GetValue<string>()));
    }
}
