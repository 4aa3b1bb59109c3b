using System.Globalization;
using System.Text.Json;
using CloudAudit.Analysis.Fingerprints;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Json;

/// <summary>
/// Maps the reference Python tool's JSON report (its <c>ScanReport</c>: one account, findings without an
/// account, results without a status) onto ours: findings take the report's account, a result's status is
/// ERROR with an error, FAIL with findings, NOT ASSESSED with coverage gaps and PASS otherwise, and every
/// finding gets our fingerprint. What the reference has and we do not (chains, costs) is left out.
/// </summary>
internal static class ReferenceReportMapper
{
    public static bool LooksLikeReference(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("provider", out _)
        && root.TryGetProperty("account_id", out _)
        && root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array;

    public static JsonReport Map(JsonElement root, string name)
    {
        var reader = new Fields(name);
        var account = reader.String(root, "account_id");
        var results = new List<(JsonElement Result, List<JsonElement> Findings)>();
        foreach (var result in root.GetProperty("results").EnumerateArray())
            results.Add((result, reader.Array(result, "findings").ToList()));

        var all = results.SelectMany(r => r.Findings).ToList();
        var fingerprints = FindingFingerprint.Assign(all,
            f => FindingFingerprint.Of(reader.String(f, "check_id"), account, reader.Optional(f, "region") ?? "global",
                reader.Optional(f, "resource_type") ?? "", reader.String(f, "resource_id")),
            f => reader.Optional(f, "description") ?? "");
        var next = 0;
        var mapped = results.Select(r => Result(reader, r.Result, r.Findings.Select(f => Finding(reader, f, account, fingerprints[next++])).ToList(), account)).ToList();
        var findings = mapped.SelectMany(r => r.Findings).ToList();

        var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        int Count(string field) => summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        var regions = root.TryGetProperty("regions", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList() : [];
        return new JsonReport(
            "reference",
            new JsonTool("cloud-audit (reference)", reader.Optional(root, "version") ?? ""),
            reader.Optional(root, "provider") ?? "aws",
            account,
            [account],
            regions,
            reader.Timestamp(root, "timestamp"),
            root.TryGetProperty("duration_seconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0,
            "reference",
            null,
            new JsonSummary(
                findings.Count,
                Enum.GetValues<Severity>().ToDictionary(v => v.Lower(), v => findings.Count(f => f.Severity == v)),
                Enum.GetValues<Category>().ToDictionary(v => v.Lower(), v => findings.Count(f => f.Category == v)),
                Count("resources_scanned"),
                mapped.Count(x => x.Status == CheckStatus.Pass),
                mapped.Count(x => x.Status == CheckStatus.Fail),
                mapped.Count(x => x.Status == CheckStatus.Error),
                mapped.Count(x => x.Status == CheckStatus.NotAssessed),
                0, 0, Count("coverage_gaps"), 0, 0, 0,
                summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number
                    ? score.GetInt32() : Analysis.HealthScore.OfSeverities(findings.Select(f => f.Severity))),
            mapped,
            []);
    }

    private static JsonResult Result(Fields reader, JsonElement result, List<JsonFinding> findings, string account)
    {
        var checkId = reader.String(result, "check_id");
        var info = CheckRegistry.Find(checkId)?.Info;
        var error = reader.Optional(result, "error");
        var gaps = reader.Array(result, "coverage_gaps").Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).ToList();
        var status = error is not null ? CheckStatus.Error
            : findings.Count > 0 ? CheckStatus.Fail
            : gaps.Count > 0 ? CheckStatus.NotAssessed
            : CheckStatus.Pass;
        return new JsonResult(
            checkId,
            reader.Optional(result, "check_name") ?? info?.Title ?? checkId,
            account,
            status,
            status == CheckStatus.NotAssessed ? gaps[0] : null,
            info?.Severity ?? (findings.Count > 0 ? findings.Min(f => f.Severity) : Severity.Medium),
            info?.Service ?? checkId.Split('-').ElementAtOrDefault(1) ?? "",
            info?.Category ?? (findings.Count > 0 ? findings[0].Category : Category.Security),
            findings,
            result.TryGetProperty("resources_scanned", out var scanned) && scanned.ValueKind == JsonValueKind.Number ? scanned.GetInt32() : 0,
            error,
            gaps,
            [],
            null, null, 0, 0, [],
            info?.Compliance ?? [],
            []);
    }

    private static JsonFinding Finding(Fields reader, JsonElement f, string account, string fingerprint)
    {
        var checkId = reader.String(f, "check_id");
        var severityText = reader.String(f, "severity");
        if (!EnumText.TryParseSeverity(severityText, out var severity))
            throw reader.Error($"finding {checkId} has an unknown severity '{severityText}'");
        // A category this version lacks reads as security.
        var category = EnumText.TryParseCategory(reader.Optional(f, "category") ?? "", out var c) ? c : Category.Security;
        RenderedRemediation? remediation = null;
        if (f.TryGetProperty("remediation", out var fix) && fix.ValueKind == JsonValueKind.Object)
            remediation = new RenderedRemediation(reader.Optional(fix, "cli") ?? "", reader.Optional(fix, "terraform") ?? "",
                reader.Optional(fix, "doc_url") ?? "", Enum.TryParse<Effort>(reader.Optional(fix, "effort"), ignoreCase: true, out var effort) ? effort : Effort.Medium);
        var refs = reader.Array(f, "compliance_refs").Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
        return new JsonFinding(
            checkId,
            reader.Optional(f, "title") ?? checkId,
            severity,
            category,
            reader.Optional(f, "resource_type") ?? "",
            reader.String(f, "resource_id"),
            reader.Optional(f, "region") ?? "global",
            account,
            reader.Optional(f, "description") ?? "",
            reader.Optional(f, "recommendation") ?? "",
            remediation,
            refs,
            [],
            reader.Optional(f, "threat_pattern_id"),
            reader.Array(f, "references").Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
            fingerprint);
    }

    /// <summary>Field access that turns a missing or mistyped required field into one line naming the file.</summary>
    private sealed class Fields(string name)
    {
        public ReportReadException Error(string why) => new($"{name}: not a valid report of the reference tool: {why}");

        public string String(JsonElement element, string field) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()! : throw Error($"'{field}' missing or not a string");

        public string? Optional(JsonElement element, string field) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() : null;

        public IEnumerable<JsonElement> Array(JsonElement element, string field)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return [];
            return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Error($"'{field}' is not a list");
        }

        public DateTimeOffset Timestamp(JsonElement element, string field)
        {
            var text = String(element, field);
            // The reference writes UTC, with or without an offset.
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at : throw Error($"'{field}' is not a date ('{text}')");
        }
    }
}
