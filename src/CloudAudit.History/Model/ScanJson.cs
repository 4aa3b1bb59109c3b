using System.Globalization;
using System.Text.Json;
using CloudAudit.Checks.Framework;
using CloudAudit.History.Store;

namespace CloudAudit.History.Model;

/// <summary>Recorded scans as JSON, for <c>history list|show --format json</c>, <c>diff</c> and MCP.</summary>
public static class ScanJson
{
    /// <summary>A recorded scan: its metadata, per-account posture, check results and findings.</summary>
    public static void WriteScan(Utf8JsonWriter w, ScanRecord scan)
    {
        w.WriteStartObject();
        if (scan.Id is { } id) w.WriteNumber("scan_id", id); else w.WriteNull("scan_id");
        w.WriteString("scanned_at", Time(scan.ScannedAt));
        w.WriteString("source", scan.Source);
        w.WriteString("tool_version", scan.ToolVersion);
        Strings(w, "regions", scan.Regions);
        if (scan.ImportedFrom is { } from) w.WriteString("imported_from", from);
        w.WriteStartArray("accounts");
        foreach (var a in scan.Accounts) WriteAccount(w, a);
        w.WriteEndArray();
        w.WriteStartArray("results");
        foreach (var c in scan.Checks)
        {
            w.WriteStartObject();
            w.WriteString("account_id", c.AccountId);
            w.WriteString("check_id", c.CheckId);
            w.WriteString("status", c.Status.Label().Replace(' ', '_'));
            w.WriteNumber("resources_scanned", c.ResourcesScanned);
            if (c.Reason is null) w.WriteNull("reason"); else w.WriteString("reason", c.Reason);
            Strings(w, "gap_regions", c.GapRegions);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in scan.Findings)
        {
            w.WriteStartObject();
            WriteFindingFields(w, f);
            w.WriteString("state", FindingStates.Name(f.State));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A line of the history list.</summary>
    public static void WriteEntry(Utf8JsonWriter w, ScanEntry entry)
    {
        w.WriteStartObject();
        w.WriteNumber("scan_id", entry.Id);
        w.WriteString("scanned_at", Time(entry.ScannedAt));
        w.WriteString("recorded_at", Time(entry.RecordedAt));
        w.WriteString("source", entry.Source);
        w.WriteString("tool_version", entry.ToolVersion);
        Strings(w, "regions", entry.Regions);
        if (entry.ImportedFrom is { } from) w.WriteString("imported_from", from);
        w.WriteStartArray("accounts");
        foreach (var a in entry.Accounts) WriteAccount(w, a);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteAccount(Utf8JsonWriter w, AccountRecord a)
    {
        w.WriteStartObject();
        w.WriteString("account_id", a.AccountId);
        w.WriteNumber("score", a.Score);
        w.WriteNumber("findings", a.Findings);
        w.WriteStartObject("by_severity");
        foreach (var severity in Enum.GetValues<Severity>()) w.WriteNumber(severity.Lower(), a.Count(severity));
        w.WriteEndObject();
        w.WriteNumber("suppressed", a.Suppressed);
        w.WriteNumber("checks_passed", a.ChecksPassed);
        w.WriteNumber("checks_failed", a.ChecksFailed);
        w.WriteNumber("checks_errored", a.ChecksErrored);
        w.WriteNumber("checks_not_assessed", a.ChecksNotAssessed);
        w.WriteNumber("checks_not_applicable", a.ChecksNotApplicable);
        if (a.CollectionSeconds is { } seconds) w.WriteNumber("collection_seconds", seconds);
        if (a.NotAssessed is { } why) w.WriteString("not_assessed", why);
        w.WriteEndObject();
    }

    /// <summary>A finding's identity and wording, inside an object the caller opened.</summary>
    public static void WriteFindingFields(Utf8JsonWriter w, FindingRecord f)
    {
        w.WriteString("fingerprint", f.Fingerprint);
        w.WriteString("check_id", f.CheckId);
        w.WriteString("account_id", f.AccountId);
        w.WriteString("region", f.Region);
        w.WriteString("resource_type", f.ResourceType);
        w.WriteString("resource_id", f.ResourceId);
        w.WriteString("severity", f.Severity.Lower());
        w.WriteString("title", f.Title);
        w.WriteString("description", f.Description);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
