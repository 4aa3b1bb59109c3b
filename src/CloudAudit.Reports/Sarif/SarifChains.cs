using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Chains;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Sarif;

/// <summary>
/// The attack chains in SARIF: one rule per chain rule that fired (its ID, AC-01 or CA-05, as the rule ID) and one
/// result per chain, at the pseudo-path <c>attack-chains/&lt;chain_id&gt;</c>, with every resource of the path as a
/// logical location and the findings it is made of by fingerprint. A chain's fingerprint is its rule and anchor
/// resource, so its alert survives re-scans. Against a baseline, only chains that include a new finding are alerts.
/// </summary>
internal static class SarifChains
{
    public static IReadOnlyList<AttackChain> Reported(ScanReport report, IReadOnlySet<string>? newFindings) =>
        [.. report.AttackPaths.Chains.Where(c => newFindings is null || c.Findings.Any(f => newFindings.Contains(f.Fingerprint)))];

    public static IReadOnlyList<ChainRuleInfo> Rules(IReadOnlyList<AttackChain> chains) =>
        [.. chains.Select(c => c.ChainId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => ChainRules.Find(id)?.Info).OfType<ChainRuleInfo>()];

    public static void WriteRule(Utf8JsonWriter json, ChainRuleInfo rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Id);
        Text(json, "shortDescription", $"Attack chain: {rule.Name}");
        Text(json, "fullDescription", rule.Fires);
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.Fires}\n\nBreak it first: {rule.Fix.Title}.");
        json.WriteString("markdown", $"**{rule.Name}** ({rule.Severity.Lower()} attack chain)\n\n{rule.Fires}\n\n### Break it first\n\n{rule.Fix.Title}"
            + (rule.Fix.CheckId is { } check ? $" (the fix of `{check}`)." : ".") + $"\n\nMITRE ATT&CK: {string.Join(", ", rule.Mitre)}\n");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", SarifReportWriter.Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("attack-chain");
        json.WriteStringValue("security");
        foreach (var technique in rule.Mitre) json.WriteStringValue($"mitre/{technique}");
        json.WriteEndArray();
        json.WriteString("precision", "high");
        json.WriteString("problem.severity", SarifReportWriter.Level(rule.Severity) == "note" ? "recommendation" : SarifReportWriter.Level(rule.Severity));
        if (SarifReportWriter.SecuritySeverity(rule.Severity) is { } score) json.WriteString("security-severity", score);
        json.WriteString("severity", rule.Severity.Lower());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteResult(Utf8JsonWriter json, AttackChain chain, int ruleIndex, bool againstBaseline)
    {
        SarifReportWriter.StartResult(json, chain.ChainId, ruleIndex, chain.Severity, againstBaseline,
            $"{chain.Name}: {chain.AttackNarrative} Break it first: {chain.PriorityFix.Title}.", $"attack-chains/{chain.ChainId}");
        foreach (var resource in chain.Resources)
        {
            json.WriteStartObject();
            json.WriteString("name", resource);
            json.WriteString("fullyQualifiedName", $"{chain.AccountId}/{resource}");
            json.WriteString("kind", "resource");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        var hash = chain.Fingerprint;
        json.WriteStartObject("partialFingerprints");
        json.WriteString("primaryLocationLineHash", hash);
        json.WriteString("cloudAuditChain/v1", hash);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("severity", chain.Severity.Lower());
        json.WriteString("account_id", chain.AccountId);
        json.WriteString("anchor", chain.Anchor);
        json.WriteString("priority_fix", chain.PriorityFix.Title);
        if (chain.PriorityFix.CheckId is { } check) json.WriteString("priority_fix_check", check);
        json.WriteStrings("mitre_refs", chain.MitreRefs);
        json.WriteStrings("resources", chain.Resources);
        json.WriteStrings("findings", chain.Findings.Select(f => f.Fingerprint));
        json.WriteStrings("finding_checks", chain.Findings.Select(f => f.CheckId).Distinct());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
