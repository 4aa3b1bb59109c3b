using System.Text.Encodings.Web;
using System.Text.Json;
using CloudAudit.Checks.Framework;
using CloudAudit.History.Model;

namespace CloudAudit.History.Comparison;

/// <summary>
/// The diff as JSON (docs/history.md): both sides (<c>old_scan</c>, <c>new_scan</c>), the score change, scope warnings, counts overall and per
/// account and check, and every finding under its kind of change. Field names follow the reference tool's
/// diff where it has them (<c>score_change</c>, <c>has_regression</c>, <c>fixed</c>, <c>new</c>, <c>changed</c>
/// with <c>old_severity</c>, <c>unchanged</c>).
/// </summary>
public static class DiffJson
{
    public const string SchemaVersion = "1.0";

    public static void Write(ScanDiff diff, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        json.WriteStartObject();
        json.WriteString("schema_version", SchemaVersion);
        json.WriteString("kind", "cloud-audit-diff");
        Side(json, "old_scan", diff.Old);
        Side(json, "new_scan", diff.New);
        json.WriteNumber("old_score", diff.Old.Score);
        json.WriteNumber("new_score", diff.New.Score);
        json.WriteNumber("score_change", diff.ScoreChange);
        json.WriteBoolean("has_regression", diff.HasRegression);
        json.WriteStartArray("scope_warnings");
        foreach (var warning in diff.ScopeWarnings) json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteStartObject("counts");
        Counts(json, diff.Counts);
        json.WriteEndObject();
        json.WriteStartArray("by_check");
        foreach (var check in diff.ByCheck)
        {
            json.WriteStartObject();
            json.WriteString("account_id", check.AccountId);
            json.WriteString("check_id", check.CheckId);
            Counts(json, check.Counts);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            json.WriteStartArray(Name(kind));
            foreach (var change in diff.Of(kind))
            {
                Finding(json, change);
                if (json.BytesPending > 64 * 1024) json.Flush();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static string Name(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    private static void Side(Utf8JsonWriter json, string name, DiffSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("label", side.Label);
        if (side.ScanId is { } id) json.WriteNumber("scan_id", id); else json.WriteNull("scan_id");
        json.WriteString("scanned_at", ScanJson.Time(side.ScannedAt));
        json.WriteStartArray("accounts");
        foreach (var account in side.Accounts) json.WriteStringValue(account);
        json.WriteEndArray();
        json.WriteStartArray("regions");
        foreach (var region in side.Regions) json.WriteStringValue(region);
        json.WriteEndArray();
        json.WriteNumber("score", side.Score);
        json.WriteStartObject("account_scores");
        foreach (var (account, score) in side.AccountScores) json.WriteNumber(account, score);
        json.WriteEndObject();
        json.WriteNumber("total_findings", side.ActiveFindings);
        json.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter json, ChangeCounts counts)
    {
        json.WriteNumber("new", counts.New);
        json.WriteNumber("fixed", counts.Fixed);
        json.WriteNumber("changed", counts.Changed);
        json.WriteNumber("unchanged", counts.Unchanged);
        json.WriteNumber("unverified", counts.Unverified);
        json.WriteNumber("hidden", counts.Hidden);
    }

    private static void Finding(Utf8JsonWriter json, FindingChange change)
    {
        json.WriteStartObject();
        ScanJson.WriteFindingFields(json, change.Finding);
        if (change.Kind == ChangeKind.Changed)
        {
            json.WriteString("old_severity", change.Old!.Severity.Lower());
            json.WriteString("old_title", change.Old.Title);
            json.WriteString("old_description", change.Old.Description);
            json.WriteStartArray("changed_fields");
            foreach (var field in change.ChangedFields) json.WriteStringValue(field);
            json.WriteEndArray();
        }
        if (change.Kind == ChangeKind.Hidden)
            json.WriteString("state", FindingStates.Name(change.New!.State));
        if (change.Kind == ChangeKind.New && change.Old is { } before)
            json.WriteString("old_state", FindingStates.Name(before.State));
        json.WriteEndObject();
    }

}
