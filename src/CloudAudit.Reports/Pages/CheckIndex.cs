using System.Text;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Pages;

/// <summary>docs/checks/README.md: every check by service and by severity, linking to its page.</summary>
public static class CheckIndex
{
    public static string Markdown(IReadOnlyList<CheckInfo> checks)
    {
        var page = new StringBuilder();
        page.AppendLine("# Checks").AppendLine();
        page.AppendLine($"cloud-audit runs {checks.Count} checks. Each page says what the check verifies, why it matters, how accounts usually fail it, and how to fix it with the AWS CLI and Terraform.").AppendLine();
        page.AppendLine("These pages are generated from the checks' metadata (`cloud-audit docs --output docs/checks`); a test fails when they are stale.").AppendLine();
        page.AppendLine("## By service").AppendLine();
        foreach (var service in checks.GroupBy(c => c.Service).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            page.AppendLine($"### {service.Key}").AppendLine();
            page.AppendLine("| Check | Severity | Title | CIS v5.0 |").AppendLine("| --- | --- | --- | --- |");
            foreach (var c in service.OrderBy(c => c.Id, StringComparer.Ordinal))
                page.AppendLine($"| [{c.Id}]({c.Id}.md) | {c.Severity.Upper()} | {c.Title} | {string.Join(", ", c.Compliance.Where(r => r.Framework == ComplianceRef.CisAws && r.Version == "5.0").Select(r => r.Control))} |");
            page.AppendLine();
        }
        page.AppendLine("## By severity").AppendLine();
        foreach (var severity in checks.GroupBy(c => c.Severity).OrderBy(g => g.Key))
            page.AppendLine($"- **{severity.Key.Upper()}** ({severity.Count()}): " + string.Join(", ", severity.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => $"[{c.Id}]({c.Id}.md)")));
        return page.ToString();
    }
}
