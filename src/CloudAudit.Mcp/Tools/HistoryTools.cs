using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.History.Comparison;
using CloudAudit.History.Store;
using CloudAudit.History.Trends;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

/// <summary>
/// <c>diff --format json</c>'s document: <see cref="Summary"/> is its head (both scans, scores, counts, scope warnings),
/// <see cref="Changes"/> a page of its findings that changed (new, fixed, changed, unverified, hidden), each with <c>change</c>.
/// </summary>
public sealed record DiffResult(
    [property: JsonPropertyName("summary")] JsonObject Summary,
    [property: JsonPropertyName("changes")] IReadOnlyList<JsonObject> Changes,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary><c>trend --format json</c>'s document, its scans paginated.</summary>
public sealed record TrendResult(
    [property: JsonPropertyName("scans")] IReadOnlyList<JsonObject> Scans,
    [property: JsonPropertyName("key_changes")] JsonArray KeyChanges,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>The scan history: what changed between two scans, and posture over time.</summary>
[McpServerToolType]
public sealed class HistoryTools(IScanHost host)
{
    private static readonly ChangeKind[] Listed = [ChangeKind.New, ChangeKind.Fixed, ChangeKind.Changed, ChangeKind.Unverified, ChangeKind.Hidden];

    [McpServerTool(Name = "diff_scans", Title = "Compare two scans", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(DiffResult))]
    [Description("Compare two scans from the history (or two saved JSON reports): findings that are new, fixed, changed, unverified (the newer "
        + "scan could not look) or hidden (suppressed since), and the score change. Use it for 'what changed since last week' or to check that "
        + "a fix worked. Scans are named last, previous, a scan ID, a date YYYY-MM-DD, or a report file path. Unchanged findings are counted, "
        + "not listed; the changes are paginated by cursor.")]
    public CallToolResult DiffScans(
        [Description("The earlier scan: previous, last, a scan ID, a date YYYY-MM-DD, or a JSON report path")] string old,
        [Description("The later scan: last, a scan ID, a date YYYY-MM-DD, or a JSON report path")] string @new,
        [Description("Compare only this account; empty for every account of the scans")] string account_id = "",
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "")
    {
        var account = string.IsNullOrWhiteSpace(account_id) ? null : account_id.Trim();
        var diff = host.Diff(old.Trim(), @new.Trim(), account);
        using var buffer = new MemoryStream();
        DiffJson.Write(diff, buffer);
        var document = JsonNode.Parse(buffer.ToArray())!.AsObject();
        var changes = new List<JsonObject>();
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            var name = DiffJson.Name(kind);
            var items = document[name]!.AsArray();
            document.Remove(name);
            if (!Listed.Contains(kind)) continue;
            foreach (var item in items.OfType<JsonObject>().ToList())
            {
                items.Remove(item);
                item.Insert(0, "change", name);
                changes.Add(item);
            }
        }
        document.Remove("by_check");
        var (page, info) = Paging.Slice(changes, cursor, 50, $"diff_scans|{diff.Old.Label}|{diff.Old.ScanId}|{diff.New.Label}|{diff.New.ScanId}|{account}");
        var c = diff.Counts;
        var summary = $"{diff.Old.Label} → {diff.New.Label}: score {diff.Old.Score} → {diff.New.Score} ({diff.ScoreChange:+0;-0;0}); "
            + $"{c.New} new, {c.Fixed} fixed, {c.Changed} changed, {c.Unverified} unverified, {c.Hidden} hidden, {c.Unchanged} unchanged. "
            + $"Changes: {info.Describe("findings")}."
            + (diff.ScopeWarnings.Count > 0 ? $" Warning: {string.Join(" ", diff.ScopeWarnings)}" : "");
        return ToolResults.Of(new DiffResult(document, page, info), McpJson.Type<DiffResult>(), summary);
    }

    [McpServerTool(Name = "get_trend", Title = "Posture over time", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TrendResult))]
    [Description("Give an account's posture over its recorded scans: health score and findings per severity per scan, oldest first, and the "
        + "key changes between scans. Use it for 'are we getting better' questions. Scans are paginated by cursor.")]
    public CallToolResult GetTrend(
        [Description("Account ID; empty for every account in the history")] string account = "",
        [Description("Recent scans per account, 1 to 1000")] int limit = PostureTrend.DefaultScans,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "")
    {
        if (limit is < 1 or > 1000) throw new ToolInputException($"limit must be between 1 and 1000 (got {limit})");
        var only = string.IsNullOrWhiteSpace(account) ? null : account.Trim();
        IReadOnlyList<AccountTrend> trends;
        string where;
        using (var store = host.OpenHistory())
        {
            where = store.Location.Display;
            try
            {
                trends = PostureTrend.Of(store, only, limit);
            }
            catch (HistoryException e)
            {
                throw new ToolInputException(e.Message);
            }
        }
        if (trends.Count == 0)
            throw new ToolInputException(only is null ? $"no scans recorded in {where}; run scan_aws or scan_snapshot first" : $"no recorded scans of account {only} in {where}");
        using var buffer = new MemoryStream();
        TrendJson.Write(trends, buffer);
        var document = JsonNode.Parse(buffer.ToArray())!.AsObject();
        var scans = document["scans"]!.AsArray().OfType<JsonObject>().ToList();
        document["scans"]!.AsArray().Clear();
        var keyChanges = document["key_changes"]!.AsArray();
        document.Remove("key_changes");
        var (page, info) = Paging.Slice(scans, cursor, 100, $"get_trend|{only}|{limit}|{scans.Count}|{scans.LastOrDefault()?["scan_id"]}");
        var text = string.Join(" ", trends.Select(t => t.Points.Count < 2
            ? $"Account {t.AccountId}: one scan, score {t.Points[^1].Score}; a trend needs two."
            : $"Account {t.AccountId}: {t.Points.Count} scans, score {t.Points[0].Score} → {t.Points[^1].Score}, findings {t.Points[0].Findings} → {t.Points[^1].Findings}."));
        return ToolResults.Of(new TrendResult(page, keyChanges, info), McpJson.Type<TrendResult>(), $"{text} Scans: {info.Describe("scans")}.");
    }
}
