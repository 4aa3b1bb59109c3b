using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudAudit.History.Trends;

/// <summary><c>trend --format json</c>: one entry per recorded scan of each account, oldest first, and the key changes.</summary>
public static class TrendJson
{
    public static void Write(IReadOnlyList<AccountTrend> trends, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        json.WriteStartObject();
        json.WriteString("schema_version", "1.0");
        json.WriteString("kind", "cloud-audit-trend");
        json.WriteStartArray("scans");
        foreach (var point in trends.SelectMany(t => t.Points))
        {
            json.WriteStartObject();
            json.WriteNumber("scan_id", point.ScanId);
            json.WriteString("scanned_at", Model.ScanJson.Time(point.ScannedAt));
            json.WriteString("account_id", point.AccountId);
            json.WriteNumber("score", point.Score);
            json.WriteNumber("findings", point.Findings);
            json.WriteStartObject("by_severity");
            json.WriteNumber("critical", point.Critical);
            json.WriteNumber("high", point.High);
            json.WriteNumber("medium", point.Medium);
            json.WriteNumber("low", point.Low);
            json.WriteNumber("info", point.Info);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("key_changes");
        foreach (var trend in trends)
            foreach (var change in trend.KeyChanges)
            {
                json.WriteStartObject();
                json.WriteString("account_id", trend.AccountId);
                json.WriteNumber("from_scan", change.From.ScanId);
                json.WriteNumber("to_scan", change.To.ScanId);
                json.WriteString("scanned_at", Model.ScanJson.Time(change.To.ScannedAt));
                json.WriteNumber("score_change", change.ScoreChange);
                json.WriteNumber("findings_change", change.FindingsChange);
                json.WriteNumber("critical_change", change.To.Critical - change.From.Critical);
                json.WriteEndObject();
            }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
