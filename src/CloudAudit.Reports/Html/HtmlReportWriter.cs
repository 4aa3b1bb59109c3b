using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Html;

/// <summary>
/// One self-contained HTML file: our own CSS and script inline, the report embedded once as JSON and
/// rendered by the script (a page of findings at a time, details when opened), no network at all. A
/// Content-Security-Policy allows only the two inline blocks by hash, so even markup that slipped into
/// the page could not run. The JSON is encoded with every HTML-significant character and U+2028/2029
/// escaped, so no value can close the script element or open a comment.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Version of the embedded data the page's script reads.</summary>
    public const string DataFormatVersion = "1";

    private static readonly Lazy<Template> Page = new(Template.Load);

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Letters of every script stay readable; <, >, &, quotes and the Unicode line separators are always escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(ScanReport report, Stream output)
    {
        var page = Page.Value;
        var utf8 = new UTF8Encoding(false);
        output.Write(utf8.GetBytes(page.BeforeData));
        using (var json = new Utf8JsonWriter(output, JsonOptions))
            HtmlReportData.Write(json, report);
        output.Write(utf8.GetBytes(page.AfterData));
    }

    /// <summary>The page around the data, with the CSP hashes of its inline style and script.</summary>
    private sealed record Template(string BeforeData, string AfterData)
    {
        public static Template Load()
        {
            var html = Resource("report.html");
            var style = Resource("report.css");
            var script = Resource("report.js");
            var csp = $"default-src 'none'; style-src '{Hash(style)}'; script-src '{Hash(script)}'; img-src data:; "
                + "connect-src 'none'; base-uri 'none'; form-action 'none'";
            html = html.Replace("{{csp}}", csp, StringComparison.Ordinal)
                .Replace("{{style}}", style, StringComparison.Ordinal)
                .Replace("{{script}}", script, StringComparison.Ordinal);
            var split = html.IndexOf("{{data}}", StringComparison.Ordinal);
            return new Template(html[..split], html[(split + "{{data}}".Length)..]);
        }

        private static string Hash(string inline) =>
            "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

        private static string Resource(string name)
        {
            using var stream = typeof(HtmlReportWriter).Assembly.GetManifestResourceStream($"CloudAudit.Reports.Html.{name}")
                ?? throw new InvalidOperationException($"missing embedded resource {name}");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}

/// <summary>
/// The JSON the page renders: check metadata once (findings point at it by index), one row per check
/// result, one per active or suppressed finding (fields equal to the check's are left out).
/// </summary>
internal static class HtmlReportData
{
    public static void Write(Utf8JsonWriter json, ScanReport report)
    {
        var findings = ReportedFinding.From(report);
        var (checks, checkIndex) = JsonWriting.ChecksOf(report);
        var s = report.Summary;

        json.WriteStartObject();
        json.WriteString("format_version", HtmlReportWriter.DataFormatVersion);
        json.WriteString("tool", $"cloud-audit {report.ToolVersion}");
        json.WriteString("source", report.Source);
        json.WriteString("timestamp", report.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("duration_seconds", report.DurationSeconds);
        json.WriteStrings("accounts", report.AccountIds);
        json.WriteStrings("regions", report.Regions);
        json.WriteString("executive_summary", ReportText.ExecutiveSummary(report, findings));

        json.WriteStartObject("summary");
        json.WriteNumber("score", s.Score);
        json.WriteNumber("total_findings", s.TotalFindings);
        json.WriteStartObject("by_severity");
        foreach (var (severity, count) in s.BySeverity) json.WriteNumber(severity.Lower(), count);
        json.WriteEndObject();
        json.WriteNumber("resources_scanned", s.ResourcesScanned);
        json.WriteNumber("checks_passed", s.ChecksPassed);
        json.WriteNumber("checks_failed", s.ChecksFailed);
        json.WriteNumber("checks_errored", s.ChecksErrored);
        json.WriteNumber("checks_not_assessed", s.ChecksNotAssessed);
        json.WriteNumber("checks_not_applicable", s.ChecksNotApplicable);
        json.WriteNumber("findings_suppressed", s.FindingsSuppressed);
        json.WriteNumber("findings_below_threshold", s.FindingsBelowThreshold);
        json.WriteEndObject();

        json.WriteStartArray("checks");
        foreach (var check in checks) WriteCheck(json, check);
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var result in report.Results) WriteResult(json, result, checkIndex[result.Info.Id], report.Organization);
        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            WriteFinding(json, finding, checkIndex[finding.Finding.CheckId], report.Organization);
            if (json.BytesPending > 64 * 1024) json.Flush();
        }
        json.WriteEndArray();

        json.WriteStartArray("account_details");
        foreach (var account in report.AccountDetails) WriteAccount(json, account);
        json.WriteEndArray();

        json.WriteStartArray("expired_suppressions");
        foreach (var expired in report.ExpiredSuppressions) WriteSuppression(json, null, expired);
        json.WriteEndArray();

        HtmlChainData.Write(json, report.AttackPaths);

        json.WriteStartArray("trend");
        foreach (var account in report.Trend.GroupBy(p => p.AccountId))
        {
            json.WriteStartObject();
            json.WriteString("account", account.Key);
            json.WriteStartArray("points");
            foreach (var point in account.OrderBy(p => p.ScannedAt).ThenBy(p => p.ScanId))
            {
                json.WriteStartObject();
                json.WriteNumber("scan", point.ScanId);
                json.WriteString("time", point.ScannedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteNumber("score", point.Score);
                json.WriteNumber("findings", point.Findings);
                json.WriteNumber("critical", point.Critical);
                json.WriteNumber("high", point.High);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter json, ScannedAccount account)
    {
        json.WriteStartObject();
        json.WriteString("id", account.AccountId);
        json.WriteString("name", account.Name ?? account.Alias ?? "");
        json.WriteString("ou", account.OuPathText ?? "");
        json.WriteString("status", account.Assessed ? "ASSESSED" : "NOT_ASSESSED");
        if (account.NotAssessed is { } why) json.WriteString("reason", why);
        json.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter json, CheckInfo check)
    {
        json.WriteStartObject();
        json.WriteString("id", check.Id);
        json.WriteString("title", check.Title);
        json.WriteString("service", check.Service);
        json.WriteString("severity", check.Severity.Lower());
        json.WriteString("category", check.Category.Lower());
        json.WriteString("recommendation", check.Recommendation);
        json.WriteString("doc_url", check.Remediation.DocUrl);
        json.WriteStrings("compliance", ComplianceRefs.Grouped(check));
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, AnalyzedResult r, int check, ScanOrganization? organization)
    {
        json.WriteStartObject();
        json.WriteNumber("check", check);
        json.WriteString("account", Owner.Of(r.Result, organization));
        json.WriteString("status", r.Result.Status.Label().Replace(' ', '_'));
        var reason = r.Result.Reason ?? (r.FoldedInto is { } root ? $"reported once under {root}, its root cause" : null);
        if (reason is not null) json.WriteString("reason", reason);
        if (r.Result.Error is not null) json.WriteString("error", r.Result.Error);
        json.WriteNumber("resources_scanned", r.Result.ResourcesScanned);
        json.WriteStrings("gaps", r.Result.Gaps.Select(g => g.ToString()));
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, ReportedFinding row, int check, ScanOrganization? organization)
    {
        var f = row.Finding;
        json.WriteStartObject();
        json.WriteNumber("check", check);
        json.WriteString("severity", f.Severity.Lower());
        json.WriteString("status", row.Status);
        if (f.Title != row.Check.Title) json.WriteString("title", f.Title);
        json.WriteString("resource", f.ResourceId);
        json.WriteString("type", f.ResourceType);
        json.WriteString("account", Owner.Of(f, organization));
        json.WriteString("region", f.Region);
        json.WriteString("description", f.Description);
        if (f.Recommendation != row.Check.Recommendation) json.WriteString("recommendation", f.Recommendation);
        if (f.Remediation is { } fix)
        {
            json.WriteString("cli", fix.Cli);
            json.WriteString("terraform", fix.Terraform);
            json.WriteString("effort", fix.Effort.Lower());
            if (fix.DocUrl != row.Check.Remediation.DocUrl) json.WriteString("doc_url", fix.DocUrl);
        }
        json.WriteString("fingerprint", row.Fingerprint);
        if (row.Suppression is { } suppression) WriteSuppression(json, "suppression", suppression);
        if (row.ExpiredSuppression is { } expired) WriteSuppression(json, "expired_suppression", expired);
        json.WriteEndObject();
    }

    private static void WriteSuppression(Utf8JsonWriter json, string? name, Suppression s)
    {
        if (name is null) json.WriteStartObject(); else json.WriteStartObject(name);
        json.WriteString("check_id", s.CheckId);
        if (s.ResourceId is null) json.WriteNull("resource_id"); else json.WriteString("resource_id", s.ResourceId);
        json.WriteString("reason", s.Reason);
        json.WriteString("accepted_by", s.AcceptedBy);
        json.WriteString("expires", ReportText.Date(s.Expires));
        json.WriteEndObject();
    }
}
