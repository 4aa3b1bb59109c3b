using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Reports.Json;

/// <summary>
/// Combines the JSON reports of a sharded scan into the report the unsharded scan writes: accounts, their details and
/// their results in account ID order, the summary's counts added up and the score computed again from them, API calls
/// added up, the earliest timestamp and the longest duration. A field this merge does not know must be equal in
/// every report, or the merge refuses (merge the inventories and scan the result instead).
/// </summary>
public static class JsonReportMerge
{
    /// <summary>Fields every report must agree on (they describe how the scan was made, not what it found).</summary>
    private static readonly string[] Agreed = ["schema_version", "tool", "provider", "source", "min_severity", "organization", "expired_suppressions"];

    /// <summary>Fields of the report this merge combines.</summary>
    private static readonly string[] Combined = ["account_id", "accounts", "regions", "timestamp", "duration_seconds", "summary", "results",
        "api_calls", "account_details", "shard", "attack_chains", "root_causes", "escalation_paths", "agents", "security_graph"];

    /// <summary>Whether the parsed JSON looks like a cloud-audit report (not an inventory, not another tool's).</summary>
    public static bool IsReport(JsonNode? node) =>
        node is JsonObject report && report["schema_version"] is JsonValue && report["tool"]?["name"]?.GetValue<string>() == "cloud-audit";

    /// <exception cref="MergeException">The reports do not belong together, or hold a field that cannot be combined.</exception>
    public static void Merge(IReadOnlyList<(string File, JsonObject Report)> reports, Stream output)
    {
        ShardSet.Check(reports.Select(r => new ShardSet.Input(r.File,
            $"report {Text(r.Report["schema_version"])}, cloud-audit {Text(r.Report["tool"]?["version"])}",
            r.Report["shard"] is JsonObject shard ? Shard(shard) : null,
            Text(r.Report["organization"]?["id"]),
            Strings(r.Report["accounts"]))).ToList());
        foreach (var name in Agreed.Concat(reports.SelectMany(r => r.Report.Select(p => p.Key))).Distinct().Where(n => !Combined.Contains(n)))
        {
            var values = reports.Select(r => r.Report[name]?.ToJsonString()).Distinct().ToList();
            if (values.Count > 1)
                throw new MergeException($"the reports differ in '{name}' ({string.Join(", ", reports.Select(r => $"{r.File}: {Shorten(r.Report[name]?.ToJsonString())}"))}); "
                    + (Agreed.Contains(name) ? "they were not made with the same settings" : "merge their inventories and scan the result instead"));
        }

        // Shards in the order of their first account, so that what follows one account follows it in the merged report too.
        var ordered = reports.OrderBy(r => Strings(r.Report["accounts"]).Min(StringComparer.Ordinal), StringComparer.Ordinal).ToList();
        var merged = ordered[0].Report.DeepClone().AsObject();
        var accounts = ordered.SelectMany(r => Strings(r.Report["accounts"])).Order(StringComparer.Ordinal).ToList();
        merged["account_id"] = string.Join(",", accounts);
        merged["accounts"] = new JsonArray([.. accounts.Select(a => (JsonNode)a)]);
        merged["regions"] = new JsonArray([.. ordered.SelectMany(r => Strings(r.Report["regions"])).Distinct().Select(r => (JsonNode)r)]);
        merged["timestamp"] = ordered.Select(r => r.Report["timestamp"]!).MinBy(t => DateTimeOffset.Parse(Text(t)!, CultureInfo.InvariantCulture))!.DeepClone();
        merged["duration_seconds"] = ordered.Max(r => r.Report["duration_seconds"]!.GetValue<double>());
        merged["summary"] = Summary(ordered.Select(r => r.Report["summary"]!.AsObject()).ToList());
        merged["results"] = Results(ordered);
        if (merged.ContainsKey("api_calls"))
            merged["api_calls"] = ApiCalls(ordered);
        if (merged.ContainsKey("account_details"))
            merged["account_details"] = ByAccount(ordered, "account_details");
        merged.Remove("shard");
        if (merged.ContainsKey("security_graph"))
            Analysis(ordered, merged);

        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.Default };
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        merged.WriteTo(writer, options);
    }

    /// <summary>
    /// The analysis layer, as the unsharded scan computes it: the shards' graphs split back into each account's part
    /// and merged in account order, then the chains and the remediation plan computed again over the whole graph.
    /// </summary>
    private static void Analysis(IReadOnlyList<(string File, JsonObject Report)> reports, JsonObject merged)
    {
        var typed = reports.Select(r => r.Report.Deserialize(JsonReportContext.Default.JsonReport)!).ToList();
        var parts = typed.Where(t => t.SecurityGraph is not null).SelectMany(t => AccountParts(t.SecurityGraph!))
            .OrderBy(p => p.AccountIds[0], StringComparer.Ordinal).ToList();
        var graph = parts.Count == 0 ? SecurityGraph.Empty : SecurityGraph.Merge(parts);
        var findings = merged["results"]!.AsArray().SelectMany(r => r!["findings"]!.AsArray())
            .Select(f => f.Deserialize(JsonReportContext.Default.JsonFinding)!)
            .Concat(typed.SelectMany(t => t.AttackChains ?? []).SelectMany(c => c.Findings)).ToList();
        var byFingerprint = findings.GroupBy(f => f.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var fixes = new Dictionary<string, CheckFix>(StringComparer.Ordinal);
        foreach (var f in findings.Where(f => f.Remediation is not null))
            fixes.TryAdd(f.CheckId, new CheckFix(f.Remediation!.Effort, f.Remediation));
        var escalations = typed.SelectMany(t => t.EscalationPaths ?? []).OrderBy(e => e.AccountId, StringComparer.Ordinal).ToList();
        var analysis = AttackPathAnalyzer.Analyze(graph, escalations, fixes.GetValueOrDefault);
        var rebuilt = typed[0] with
        {
            AttackChains = [.. analysis.Chains.Select(c => JsonReportWriter.Chain(c, [.. c.Findings.Select(f => byFingerprint.GetValueOrDefault(f.Fingerprint)).OfType<JsonFinding>()]))],
            RootCauses = analysis.RootCauses,
            EscalationPaths = escalations,
            Agents = [.. typed.SelectMany(t => t.Agents ?? [])],
            SecurityGraph = new JsonSecurityGraph(SecurityGraph.SchemaVersion, graph.Nodes, graph.Edges, graph.Gaps),
        };
        var node = JsonSerializer.SerializeToNode(rebuilt, JsonReportContext.Default.JsonReport)!.AsObject();
        foreach (var name in new[] { "attack_chains", "root_causes", "escalation_paths", "agents", "security_graph" })
            merged[name] = node[name]?.DeepClone();
        var summary = merged["summary"]!.AsObject();
        foreach (var (name, count) in new[] { ("attack_chains_detected", analysis.Chains.Count), ("escalation_paths_detected", escalations.Count) })
            if (summary.ContainsKey(name))
                summary[name] = count;
    }

    /// <summary>
    /// One shard's graph split into the parts its accounts brought, in the shard's order. Each account's graph starts
    /// with its account node and its edges with its root user's edge to that node, and a merged graph keeps each
    /// part's nodes (less those an earlier part already had) and edges in order: those mark where each part starts.
    /// The internet and other shared nodes come with the first part that had them, as they do in an unsharded merge.
    /// </summary>
    private static IEnumerable<SecurityGraph> AccountParts(JsonSecurityGraph shard)
    {
        var accountNodes = shard.Nodes.Where(n => n.Type == NodeType.Account).ToDictionary(n => n.Id, n => n.AccountId, StringComparer.Ordinal);
        if (accountNodes.Count == 0) yield break;
        var first = accountNodes.Values.First();
        var nodes = Segments(shard.Nodes, first, n => n.Type == NodeType.Account ? n.AccountId : null);
        var edges = Segments(shard.Edges, first, e => accountNodes.GetValueOrDefault(e.Target));
        foreach (var account in accountNodes.Values)
            yield return new SecurityGraph(nodes.GetValueOrDefault(account, []), edges.GetValueOrDefault(account, []),
                [.. shard.Gaps.Where(g => g.AccountId == account)]);
    }

    /// <summary>Items in runs, each run belonging to the account its first item names (the items before any, to <paramref name="first"/>).</summary>
    private static Dictionary<string, List<T>> Segments<T>(IEnumerable<T> items, string first, Func<T, string?> starts)
    {
        var segments = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        var current = first;
        foreach (var item in items)
        {
            current = starts(item) ?? current;
            if (!segments.TryGetValue(current, out var list)) segments[current] = list = [];
            list.Add(item);
        }
        return segments;
    }

    /// <summary>
    /// The results as the unsharded scan lists them: the organization's first (one run carries them, unsharded or shard 1;
    /// two copies mean two runs, which merge refuses), then every account's in account ID order.
    /// </summary>
    private static JsonArray Results(IReadOnlyList<(string File, JsonObject Report)> reports)
    {
        static bool OfOrganization(JsonNode? result) => Text(result?["scope"]) == "organization";
        var carriers = reports.Where(r => r.Report["results"]?.AsArray().Any(OfOrganization) == true).Select(r => r.File).ToList();
        if (carriers.Count > 1)
            throw new MergeException($"more than one report holds the organization's results ({string.Join(", ", carriers)}): "
                + "they come from separate --organization runs; merge the shards of one run");
        var organization = reports.SelectMany(r => r.Report["results"]?.AsArray() ?? []).Where(OfOrganization).Select(r => r!.DeepClone());
        var accounts = ByAccount(reports.Select(r => (r.File, Report: WithoutOrganization(r.Report))), "results");
        return new JsonArray([.. organization, .. accounts.Select(a => a!.DeepClone())]);

        static JsonObject WithoutOrganization(JsonObject report) =>
            new([KeyValuePair.Create("results", (JsonNode?)new JsonArray([.. (report["results"]?.AsArray() ?? []).Where(r => !OfOrganization(r)).Select(r => r!.DeepClone())]))]);
    }

    /// <summary>Every item of an array of per-account objects, in account ID order (each account's items in their own order).</summary>
    private static JsonArray ByAccount(IEnumerable<(string File, JsonObject Report)> reports, string member) =>
        new([.. reports.SelectMany(r => r.Report[member]?.AsArray() ?? [])
            .Select((item, position) => (Item: item!, Account: Text(item!["account_id"]) ?? "", Position: position))
            .OrderBy(i => i.Account, StringComparer.Ordinal).ThenBy(i => i.Position)
            .Select(i => i.Item.DeepClone())]);

    /// <summary>Every count added up; the score computed again from the active findings by severity, as the scan computes it.</summary>
    private static JsonObject Summary(IReadOnlyList<JsonObject> summaries)
    {
        var merged = summaries[0].DeepClone().AsObject();
        foreach (var (name, value) in summaries[0])
        {
            if (value is JsonObject counts)
                merged[name] = new JsonObject(counts.Select(p => KeyValuePair.Create(p.Key,
                    (JsonNode?)summaries.Sum(s => s[name]?[p.Key]?.GetValue<int>() ?? 0))));
            else if (name != "score")
                merged[name] = summaries.Sum(s => s[name]!.GetValue<int>());
        }
        var weights = Enum.GetValues<Severity>().ToDictionary(s => s.Lower(), HealthScore.Weight);
        merged["score"] = Math.Max(0, 100 - merged["by_severity"]!.AsObject().Sum(p => weights[p.Key] * p.Value!.GetValue<int>()));
        return merged;
    }

    private static JsonObject ApiCalls(IEnumerable<(string File, JsonObject Report)> reports)
    {
        var merged = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (service, counts) in reports.SelectMany(r => r.Report["api_calls"]?.AsObject() ?? []))
        {
            if (!merged.TryGetValue(service, out var sums))
            {
                merged[service] = counts!.DeepClone().AsObject();
                continue;
            }
            foreach (var (name, value) in counts!.AsObject())
                sums[name] = sums[name]!.GetValue<long>() + value!.GetValue<long>();
        }
        return new JsonObject(merged.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
    }

    private static ShardScope Shard(JsonObject shard) => new()
    {
        Index = (int)shard["index"]!,
        Count = (int)shard["count"]!,
        AccountsTotal = (int)shard["accounts_total"]!,
        Balance = Text(shard["balance"]),
        SplitDigest = Text(shard["split_digest"]),
        Assignment = shard["assignment"] is JsonObject assignment
            ? new SortedDictionary<string, int>(assignment.ToDictionary(p => p.Key, p => (int)p.Value!), StringComparer.Ordinal) : null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) => node?.AsArray().Select(Text).OfType<string>().ToList() ?? [];

    private static string Shorten(string? json) => json is null ? "absent" : json.Length <= 60 ? json : json[..57] + "...";
}
