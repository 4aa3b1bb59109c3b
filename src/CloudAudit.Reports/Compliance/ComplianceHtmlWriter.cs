using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;

namespace CloudAudit.Reports.Compliance;

/// <summary>
/// The auditor's report: one self-contained HTML page with no script, readable and printable as is.
/// Readiness and the count of controls per status, every control with its verdict and evidence (failing
/// and unassessed ones open), the failing checks with a fix per resource, what a person must verify with
/// room to sign it off, and the disclaimer that this is not a certification. Every scanned value is HTML
/// encoded, and a Content-Security-Policy allows only the page's own inline style, by hash.
/// </summary>
public static class ComplianceHtmlWriter
{
    private static readonly Lazy<string> Style = new(() =>
    {
        using var stream = typeof(ComplianceHtmlWriter).Assembly.GetManifestResourceStream("CloudAudit.Reports.Compliance.compliance.css")
            ?? throw new InvalidOperationException("missing embedded resource compliance.css");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static void Write(ScanReport scan, Stream output)
    {
        var bytes = new UTF8Encoding(false).GetBytes(Render(scan));
        output.Write(bytes);
    }

    public static string Render(ScanReport scan)
    {
        var view = new ComplianceView(scan);
        var report = view.Report;
        var f = report.Framework;
        var s = report.Summary;
        var style = Style.Value;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\" data-ready=\"true\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '").Append(hash)
            .Append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
            .Append("<title>").Append(E(view.Title)).Append(": compliance report</title>\n<style>").Append(style).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>").Append(E(view.Title)).Append("</h1>\n<p class=\"sub\">Compliance readiness report · cloud-audit ")
            .Append(E(scan.ToolVersion)).Append(" · ").Append(E(f.Publisher)).Append("</p>\n</header>\n");
        html.Append("<p class=\"disclaimer\" id=\"disclaimer\">").Append(E(ComplianceText.Disclaimer)).Append("</p>\n");

        html.Append("<section id=\"summary\">\n<div class=\"cards\">\n");
        Card(html, "readiness", $"{s.ReadinessPercent}%", $"readiness: {s.Passing} of {s.Assessable} controls with automated evidence pass it");
        Card(html, "passed", s.Passed, "pass");
        Card(html, "failed", s.Failed, "fail");
        Card(html, "partial", s.Partial, "partial (checks pass, a person verifies the rest)");
        Card(html, "not-assessed", s.NotAssessed, "not assessed (data missing)");
        Card(html, "not-applicable", s.NotApplicable, "not applicable");
        Card(html, "manual", s.Manual, "manual");
        Card(html, "need-person", s.NeedPerson, "need a person");
        html.Append("</div>\n<table id=\"scan\">\n");
        Row(html, scan.AccountIds.Count == 1 ? "Account" : "Accounts", string.Join(", ", scan.AccountIds));
        Row(html, "Regions", string.Join(", ", scan.Regions));
        Row(html, "Scanned", $"{view.Scanned} ({scan.Source})");
        Row(html, "Framework", $"{view.Title}, {f.Controls.Count} controls: {f.Count(ControlAssessment.Automated)} automated, {f.Count(ControlAssessment.Partial)} partly automated, {f.Count(ControlAssessment.Manual)} manual");
        Row(html, "Control count", f.CountSource);
        if (f.Scope.Length > 0) Row(html, "Scope", f.Scope);
        Row(html, "Mappings", f.Mappings);
        html.Append("</table>\n</section>\n");

        html.Append("<section id=\"controls\">\n<h2>Controls</h2>\n");
        foreach (var section in report.Controls.GroupBy(c => c.Control.Section))
        {
            html.Append("<h3>").Append(E(section.Key)).Append("</h3>\n");
            foreach (var c in section) WriteControl(html, c);
        }
        html.Append("</section>\n");

        if (view.FailingChecks.Count > 0)
        {
            html.Append("<section id=\"fixes\">\n<h2>Failing checks and their fixes</h2>\n");
            foreach (var check in view.FailingChecks) WriteFix(html, check);
            html.Append("</section>\n");
        }

        html.Append("<section id=\"manual\">\n<h2>What a person must verify</h2>\n<p class=\"muted\">")
            .Append(view.NeedPerson.Count).Append(" controls need a person: those no check evaluates (manual) and those the checks cover only in part.</p>\n")
            .Append("<table>\n<tr><th>Control</th><th>Assessment</th><th>Status</th><th>What to verify</th><th class=\"signoff\">Verified by, date</th></tr>\n");
        foreach (var c in view.NeedPerson)
            html.Append("<tr data-control=\"").Append(E(c.Control.Id)).Append("\"><td><a href=\"#control-").Append(E(c.Control.Id)).Append("\">")
                .Append(E(c.Control.Id)).Append("</a> ").Append(E(c.Control.Title)).Append("</td><td>").Append(c.Control.Assessment.Label())
                .Append("</td><td>").Append(Pill(c.Status.Label())).Append("</td><td>").Append(E(ComplianceView.VerifyText(c))).Append("</td><td></td></tr>\n");
        html.Append("</table>\n</section>\n");

        html.Append("<footer>\n<p>").Append(E(ComplianceText.Disclaimer)).Append("</p>\n<p>Generated by cloud-audit ").Append(E(scan.ToolVersion))
            .Append(" from a read-only scan. Framework source: ").Append(E(f.Url)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteControl(StringBuilder html, ControlResult c)
    {
        var open = c.Status is ControlStatus.Fail or ControlStatus.NotAssessed ? " open" : "";
        html.Append("<details class=\"control\" id=\"control-").Append(E(c.Control.Id)).Append("\" data-status=\"").Append(Key(c.Status.Label()))
            .Append('"').Append(open).Append(">\n<summary>").Append(Pill(c.Status.Label())).Append("<span class=\"id\">").Append(E(c.Control.Id))
            .Append("</span>").Append(E(c.Control.Title)).Append("<span class=\"ev\">").Append(E(ComplianceView.Evidence(c))).Append("</span>");
        if (c.Control.Level.Length > 0) html.Append("<span class=\"ev\">").Append(E(c.Control.Level)).Append("</span>");
        html.Append("</summary>\n<p class=\"reason\">").Append(E(c.Reason)).Append("</p>\n");
        if (c.ViolatedByChains.Count > 0)
            html.Append("<p class=\"chains\">Violated by attack chains: ").Append(E(ComplianceView.Chains(c))).Append("</p>\n");
        if (c.Evidence.Count > 0)
        {
            html.Append("<table class=\"evidence\">\n<tr><th>Check</th><th>Result</th><th>Resources scanned</th><th>Passed</th><th>Failed</th><th>Suppressed findings</th><th>Note</th></tr>\n");
            foreach (var e in c.Evidence)
            {
                var check = e.Status == EvidenceStatus.Fail ? $"<a href=\"#fix-{E(e.CheckId)}\">{E(e.CheckId)}</a>" : E(e.CheckId);
                html.Append("<tr><td>").Append(check).Append(' ').Append(E(e.Title)).Append("</td><td>").Append(Pill(e.Status.Label())).Append("</td><td>")
                    .Append(e.ResourcesScanned).Append("</td><td>").Append(e.ResourcesPassed).Append("</td><td>").Append(e.ResourcesFailed).Append("</td><td>")
                    .Append(e.FindingsSuppressed).Append("</td><td>").Append(E(e.Reason ?? "")).Append("</td></tr>\n");
            }
            html.Append("</table>\n");
        }
        if (c.NeedsPerson)
            html.Append("<p class=\"verify\"><strong>A person must verify:</strong> ").Append(E(ComplianceView.VerifyText(c))).Append("</p>\n");
        if (c.Control.Uncovered.Count > 0)
            html.Append("<p class=\"muted\">Prowler maps this control to checks cloud-audit has no equivalent for: ").Append(E(string.Join(", ", c.Control.Uncovered))).Append("</p>\n");
        html.Append("</details>\n");
    }

    private static void WriteFix(StringBuilder html, FailingCheck check)
    {
        html.Append("<details class=\"control\" id=\"fix-").Append(E(check.CheckId)).Append("\" open>\n<summary><span class=\"id\">").Append(E(check.CheckId))
            .Append("</span>").Append(E(check.Title)).Append("<span class=\"ev\">").Append(check.Findings.Count).Append(" finding(s); fails ")
            .Append(E(string.Join(", ", check.Controls))).Append("</span></summary>\n");
        foreach (var f in check.Findings.Take(ComplianceView.FixesPerCheck))
        {
            html.Append("<div class=\"fix\"><p><strong>").Append(E(f.ResourceId)).Append("</strong> <span class=\"muted\">").Append(E(f.Region)).Append(" · ")
                .Append(E(f.AccountId)).Append(" · ").Append(E(f.Severity.ToString().ToLowerInvariant())).Append("</span><br>").Append(E(f.Description)).Append("</p>\n");
            if (f.Remediation is { } fix)
            {
                if (!string.IsNullOrWhiteSpace(fix.Cli)) html.Append("<p class=\"muted\">AWS CLI</p><pre><code>").Append(E(fix.Cli)).Append("</code></pre>\n");
                if (!string.IsNullOrWhiteSpace(fix.Terraform)) html.Append("<p class=\"muted\">Terraform</p><pre><code>").Append(E(fix.Terraform)).Append("</code></pre>\n");
            }
            html.Append("</div>\n");
        }
        if (check.Findings.Count > ComplianceView.FixesPerCheck)
            html.Append("<p class=\"muted\">").Append(check.Findings.Count - ComplianceView.FixesPerCheck)
                .Append(" more finding(s) of this check are in the full scan report (--format json or html).</p>\n");
        html.Append("</details>\n");
    }

    private static void Card(StringBuilder html, string id, object value, string label) =>
        html.Append("<div class=\"card\" id=\"").Append(id).Append("\"><span class=\"n\">").Append(E(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""))
            .Append("</span><span class=\"l\">").Append(E(label)).Append("</span></div>\n");

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string Pill(string label) => $"<span class=\"status s-{Key(label)}\">{E(label)}</span>";

    private static string Key(string label) => label.Replace(' ', '_');

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
