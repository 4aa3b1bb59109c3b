using System.Globalization;
using System.Text;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Markdown;

namespace CloudAudit.Reports.Compliance;

/// <summary>
/// The compliance report as Markdown: summary, every control with its status and evidence, why controls
/// could not be assessed, the failing checks with their fixes, what a person must verify, and the
/// disclaimer. Scanned values go through <see cref="MarkdownText.Escape"/>; fixes sit in code fences
/// longer than any backtick run inside them.
/// </summary>
public static class ComplianceMarkdownWriter
{
    public static void Write(ScanReport scan, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(scan));
    }

    public static string Render(ScanReport scan)
    {
        var view = new ComplianceView(scan);
        var report = view.Report;
        var s = report.Summary;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {Esc(view.Title)}: compliance readiness {s.ReadinessPercent}%\n\n");
        text.Append("> ").Append(Esc(ComplianceText.Disclaimer)).Append("\n\n");
        text.Append("| | |\n|---|---|\n");
        void Row(string label, string value) => text.Append("| ").Append(label).Append(" | ").Append(value).Append(" |\n");
        Row("Framework", $"{Esc(view.Title)} ({Esc(report.Framework.Publisher)})");
        Row(scan.AccountIds.Count == 1 ? "Account" : "Accounts", Esc(string.Join(", ", scan.AccountIds)));
        Row("Regions", Esc(string.Join(", ", scan.Regions)));
        Row("Scanned", $"{view.Scanned} ({Esc(scan.Source)})");
        Row("Readiness", Esc(ComplianceView.Readiness(s)));
        Row("Controls", $"{s.Controls}: {ComplianceView.Counts(s)}");
        Row("Need a person", s.NeedPerson.ToString(CultureInfo.InvariantCulture));
        if (report.Framework.Scope.Length > 0) Row("Scope", Esc(report.Framework.Scope));
        text.Append('\n');

        text.Append("## Controls\n\n| Control | Status | Title | Evidence |\n|---|---|---|---|\n");
        foreach (var c in report.Controls)
            text.Append("| ").Append(Esc(c.Control.Id)).Append(c.ViolatedByChains.Count > 0 ? " ⚠" : "")
                .Append(" | ").Append(c.Status.Label()).Append(" | ").Append(Esc(c.Control.Title))
                .Append(" | ").Append(Esc(ComplianceView.Evidence(c))).Append(" |\n");
        text.Append('\n');

        var unassessed = report.Controls.Where(c => c.Status == ControlStatus.NotAssessed).ToList();
        if (unassessed.Count > 0)
        {
            text.Append("## Not assessed\n\nA mapped check could not read its data, errored, or was not run; these controls are kept out of readiness.\n\n");
            foreach (var c in unassessed)
                text.Append("- **").Append(Esc(c.Control.Id)).Append("** ").Append(Esc(c.Reason)).Append('\n');
            text.Append('\n');
        }

        var violations = ComplianceView.ChainViolations(report);
        if (violations.Count > 0)
        {
            text.Append("## Attack chains and the controls they violate\n\n");
            foreach (var (chain, controls) in violations)
                text.Append("- **").Append(Esc(ComplianceView.Chain(chain))).Append("** (").Append(chain.Severity.Lower()).Append("): ")
                    .Append(Esc(string.Join(", ", controls))).Append('\n');
            text.Append('\n');
        }

        if (view.FailingChecks.Count > 0)
        {
            text.Append("## Failing checks and their fixes\n\n");
            foreach (var check in view.FailingChecks)
            {
                text.Append("### ").Append(Esc(check.CheckId)).Append(": ").Append(Esc(check.Title)).Append("\n\n");
                text.Append("Fails ").Append(Esc(string.Join(", ", check.Controls))).Append(CultureInfo.InvariantCulture, $" on {check.Findings.Count} finding(s).\n\n");
                foreach (var f in check.Findings.Take(ComplianceView.FixesPerCheck))
                {
                    text.Append("- **").Append(Esc(f.ResourceId)).Append("** (").Append(Esc(f.Region)).Append(", ").Append(Esc(f.AccountId)).Append("): ")
                        .Append(Esc(f.Description)).Append('\n');
                    if (f.Remediation is { } fix)
                    {
                        Fence(text, "bash", fix.Cli);
                        Fence(text, "hcl", fix.Terraform);
                    }
                }
                if (check.Findings.Count > ComplianceView.FixesPerCheck)
                    text.Append(CultureInfo.InvariantCulture, $"\n{check.Findings.Count - ComplianceView.FixesPerCheck} more finding(s) of this check are in the full scan report (--format json).\n");
                text.Append('\n');
            }
        }

        text.Append("## What a person must verify\n\n");
        foreach (var c in view.NeedPerson)
            text.Append("- **").Append(Esc(c.Control.Id)).Append(' ').Append(Esc(c.Control.Title)).Append("** (")
                .Append(c.Control.Assessment.Label()).Append(", ").Append(c.Status.Label()).Append("): ")
                .Append(Esc(ComplianceView.VerifyText(c))).Append('\n');
        return text.ToString();
    }

    private static string Esc(string value) => MarkdownText.Escape(value, 4000);

    private static void Fence(StringBuilder text, string language, string code)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        var longest = 0;
        for (int i = 0, run = 0; i < code.Length; i++)
            longest = Math.Max(longest, run = code[i] == '`' ? run + 1 : 0);
        var fence = new string('`', Math.Max(3, longest + 1));
        text.Append("\n  ").Append(fence).Append(language).Append('\n');
        foreach (var line in code.Split('\n'))
            text.Append("  ").Append(line).Append('\n');
        text.Append("  ").Append(fence).Append("\n\n");
    }
}
