using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Chains;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Ocsf;

/// <summary>
/// An attack chain as an OCSF Detection Finding: type "Attack Chain", the rule as its analytic, its MITRE ATT&amp;CK
/// techniques in <c>attacks</c>, every resource of its path in <c>resources</c>, and the fingerprints of the findings it
/// is made of in <c>unmapped.findings</c> (the same fingerprints as those findings' events, so a SIEM can join them).
/// </summary>
internal static class OcsfChains
{
    public static void WriteEvent(Utf8JsonWriter json, ScanReport report, AttackChain chain)
    {
        var time = report.Timestamp.ToUnixTimeMilliseconds();
        var uid = chain.Fingerprint;
        OcsfReportWriter.WriteHead(json, report, chain.Severity, suppressed: false, $"Attack chain {chain.ChainId}: {chain.Name}", uid, chain.AccountId, null);

        json.WriteStartObject("finding_info");
        json.WriteString("uid", uid);
        json.WriteString("title", chain.Name);
        json.WriteString("desc", chain.AttackNarrative);
        json.WriteNumber("created_time", time);
        json.WriteStartArray("types");
        json.WriteStringValue("Attack Chain");
        json.WriteEndArray();
        json.WriteStartObject("analytic");
        json.WriteString("uid", chain.ChainId);
        json.WriteString("name", ChainRules.Find(chain.ChainId)?.Info.Name ?? chain.Name);
        json.WriteNumber("type_id", 1);
        json.WriteString("type", "Rule");
        json.WriteEndObject();
        json.WriteStartArray("attacks");
        foreach (var technique in chain.MitreRefs.Where(t => t.StartsWith('T')))
        {
            json.WriteStartObject();
            json.WriteStartObject(technique.Contains('.', StringComparison.Ordinal) ? "sub_technique" : "technique");
            json.WriteString("uid", technique);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("resources");
        foreach (var resource in chain.Resources)
        {
            json.WriteStartObject();
            json.WriteString("uid", resource);
            json.WriteString("name", resource);
            if (CloudAudit.Inventory.Arn.TryParse(resource) is { } arn)
                json.WriteString("cloud_partition", arn.Partition);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("remediation");
        json.WriteString("desc", chain.PriorityFix.Title);
        json.WriteEndObject();

        json.WriteStartObject("unmapped");
        json.WriteString("chain_id", chain.ChainId);
        json.WriteString("anchor", chain.Anchor);
        if (chain.PriorityFix.CheckId is { } check) json.WriteString("priority_fix_check", check);
        json.WriteString("priority_fix_effort", chain.PriorityFix.Effort.Lower());
        json.WriteStrings("mitre_refs", chain.MitreRefs);
        json.WriteStrings("findings", chain.Findings.Select(f => f.Fingerprint));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
