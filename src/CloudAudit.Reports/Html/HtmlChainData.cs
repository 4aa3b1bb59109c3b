using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Html;

/// <summary>
/// The attack chains and the remediation plan as the page draws them: each chain with the boxes and arrows of its path
/// (its viz steps), its story, the fix that breaks it first and the findings it is made of (by fingerprint, so the page
/// can point at them); the plan as its fixes, most chains broken first.
/// </summary>
internal static class HtmlChainData
{
    public static void Write(Utf8JsonWriter json, AttackPathAnalysis paths)
    {
        json.WriteStartArray("attack_chains");
        foreach (var chain in paths.Chains)
        {
            json.WriteStartObject();
            json.WriteString("id", chain.ChainId);
            json.WriteString("name", chain.Name);
            json.WriteString("severity", chain.Severity.Lower());
            json.WriteString("account", chain.AccountId);
            json.WriteString("anchor", chain.Anchor);
            json.WriteString("narrative", chain.AttackNarrative);
            json.WriteString("fix", chain.PriorityFix.Title);
            if (chain.PriorityFix.CheckId is { } check) json.WriteString("fix_check", check);
            json.WriteString("effort", chain.PriorityFix.Effort.Lower());
            json.WriteStrings("mitre", chain.MitreRefs);
            json.WriteStrings("findings", chain.Findings.Select(f => f.Fingerprint));
            json.WriteStartArray("steps");
            foreach (var step in chain.VizSteps)
            {
                json.WriteStartObject();
                json.WriteString("label", step.Label);
                json.WriteString("sub", step.Sub);
                json.WriteString("type", step.Type.ToString().ToLowerInvariant());
                json.WriteString("edge", step.EdgeLabel);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("remediation_plan");
        json.WriteNumber("fixes", paths.RootCauses.Count);
        json.WriteNumber("chains_broken", paths.ChainsBrokenByPlan);
        json.WriteStartArray("root_causes");
        foreach (var cause in paths.RootCauses.Take(10))
        {
            json.WriteStartObject();
            json.WriteString("check", cause.CheckId);
            json.WriteString("title", cause.FixTitle);
            json.WriteNumber("chains_broken", cause.ChainKeys.Count);
            json.WriteString("effort", cause.Effort.Lower());
            json.WriteBoolean("quick_win", cause.QuickWin);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
