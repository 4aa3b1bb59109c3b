using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Analysis.Simulation;

namespace CloudAudit.Reports.AttackPaths;

public sealed record SimulationDocument(
    [property: JsonPropertyName("fixed_checks")] IReadOnlyList<string> FixedChecks,
    [property: JsonPropertyName("score")] BeforeAfter Score,
    [property: JsonPropertyName("findings")] BeforeAfter Findings,
    [property: JsonPropertyName("attack_chains")] BeforeAfter AttackChains,
    [property: JsonPropertyName("chain_risk")] BeforeAfter ChainRisk,
    [property: JsonPropertyName("chains_broken")] IReadOnlyList<SimulatedChain> ChainsBroken,
    [property: JsonPropertyName("chains_remaining")] IReadOnlyList<SimulatedChain> ChainsRemaining,
    [property: JsonPropertyName("next_fix")] string? NextFix);

public sealed record BeforeAfter(
    [property: JsonPropertyName("before")] int Before,
    [property: JsonPropertyName("after")] int After);

public sealed record SimulatedChain(
    [property: JsonPropertyName("chain_id")] string ChainId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("anchor")] string Anchor);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SimulationDocument))]
internal sealed partial class SimulationContext : JsonSerializerContext;

/// <summary>The output of <c>simulate</c>: before and after, chains broken and remaining, the next fix.</summary>
public static class SimulationWriter
{
    public static readonly string[] Formats = ["table", "json"];

    public static void Write(string format, SimulationResult result, TextWriter output)
    {
        var next = result.NextFix is { } fix ? $"{fix.CheckId}: {fix.FixTitle} (breaks {fix.ChainKeys.Count} more chain{(fix.ChainKeys.Count == 1 ? "" : "s")})" : null;
        if (format == "json")
        {
            var document = new SimulationDocument(result.Fixed, new(result.ScoreBefore, result.ScoreAfter), new(result.FindingsBefore, result.FindingsAfter),
                new(result.ChainsBefore.Count, result.ChainsAfter.Count), new(result.RiskBefore, result.RiskAfter),
                [.. result.Broken.Select(Chain)], [.. result.ChainsAfter.Select(Chain)], next);
            var options = new JsonSerializerOptions(SimulationContext.Default.Options) { Encoder = JavaScriptEncoder.Default };
            output.WriteLine(JsonSerializer.Serialize(document, new SimulationContext(options).SimulationDocument));
            return;
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"What if {string.Join(", ", result.Fixed)} {(result.Fixed.Count == 1 ? "is" : "are")} fixed");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"",-14}{"before",8}{"after",8}{"change",8}");
        Row(text, "Health score", result.ScoreBefore, result.ScoreAfter);
        Row(text, "Attack chains", result.ChainsBefore.Count, result.ChainsAfter.Count);
        Row(text, "Chain risk", result.RiskBefore, result.RiskAfter);
        Row(text, "Findings", result.FindingsBefore, result.FindingsAfter);
        text.AppendLine("(chain risk: each chain weighted by its severity, 20/10/5/2, as the health score weighs findings)");
        if (result.Broken.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Chains broken ({result.Broken.Count}):");
            foreach (var chain in result.Broken)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {chain.ChainId} {chain.Name} [{chain.Severity.ToString().ToUpperInvariant()}] on {chain.Anchor} → GONE");
        }
        text.AppendLine();
        if (result.ChainsAfter.Count == 0)
            text.AppendLine("All attack chains eliminated!");
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Chains remaining ({result.ChainsAfter.Count}):");
            foreach (var chain in result.ChainsAfter)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {chain.ChainId} {chain.Name} [{chain.Severity.ToString().ToUpperInvariant()}] on {chain.Anchor}");
            if (next is not null) text.AppendLine(CultureInfo.InvariantCulture, $"Next fix: {next}");
        }
        output.Write(text.ToString());
    }

    private static SimulatedChain Chain(Analysis.Chains.AttackChain c) =>
        new(c.ChainId, c.Name, c.Severity.ToString().ToLowerInvariant(), c.Anchor);

    private static void Row(StringBuilder text, string label, int before, int after) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{label,-14}{before,8}{after,8}{(after - before).ToString("+0;-0;0", CultureInfo.InvariantCulture),8}");
}
