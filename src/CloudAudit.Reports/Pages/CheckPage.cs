using System.Text;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Threat;

namespace CloudAudit.Reports.Pages;

/// <summary>
/// A check's documentation page (the layout of the project's seed page): title line, ID, what it
/// checks, why it matters, common causes, detection, remediation (AWS CLI, Terraform), compliance.
/// Rendered as Markdown for docs/checks and as plain text for <c>cloud-audit explain</c>.
/// </summary>
public static class CheckPage
{
    public static string Markdown(CheckInfo info) => Render(info, markdown: true);

    public static string PlainText(CheckInfo info) => Render(info, markdown: false);

    private static string Render(CheckInfo info, bool markdown)
    {
        var page = new StringBuilder();
        void Heading(string text, int level)
        {
            page.Append(markdown ? new string('#', level) + " " : "").AppendLine(text).AppendLine();
        }
        void Paragraph(string text) => page.AppendLine(text).AppendLine();
        void Code(string language, string code)
        {
            if (markdown) page.Append("```").AppendLine(language);
            foreach (var line in code.Split('\n'))
                page.AppendLine(markdown ? line : "    " + line);
            if (markdown) page.AppendLine("```");
            page.AppendLine();
        }

        var cis = info.Compliance.Where(c => c.Framework == ComplianceRef.CisAws).ToList();
        var titleLine = $"{info.Severity.Upper()} {info.Service}" + (cis.Count > 0 ? $" · CIS {CisSummary(cis)}" : "");
        if (markdown)
        {
            Heading($"{info.Id}: {info.Title}", 1);
            Paragraph($"**{titleLine}** · category {info.Category.Lower()} · effort {info.Remediation.Effort.Lower()}");
        }
        else
        {
            Paragraph(titleLine);
            Paragraph(info.Title);
        }
        Paragraph($"Check ID: {(markdown ? $"`{info.Id}`" : info.Id)}");
        Paragraph(info.Description);
        if (info.Scope == CheckScope.Organization)
            Paragraph("Scope: organization. A scan with --organization evaluates it once, on the data the caller (the management "
                + "account or a delegated administrator) reads, and reports it once under the organization. A scan of one account "
                + "evaluates it on that account's own data; where a member is refused the reads it needs, it is NOT APPLICABLE there "
                + "(under --organization the same refusal is NOT ASSESSED with its cause).");

        if (info.Threat is { } threat)
        {
            Heading("Threat pattern", 2);
            if (threat.Escalation is { } escalation)
                Paragraph($"Severity {info.Severity.Lower()}; {escalation}.");
            Paragraph($"Pattern ID: {(markdown ? $"`{threat.Id}`" : threat.Id)} (threat feed rules pack {ThreatFeed.Version}). Findings carry the "
                + "pattern ID as threat_pattern_id and these references:");
            foreach (var reference in threat.References)
                page.AppendLine($"- {reference}");
            page.AppendLine();
        }

        Heading("Why it matters", 2);
        Paragraph(info.Rationale);

        Heading("Common causes", 2);
        foreach (var cause in info.CommonCauses)
            page.AppendLine($"- {cause}");
        page.AppendLine();

        Heading("Detection", 2);
        Paragraph("Run cloud-audit to detect this issue (read-only; `-R` prints each finding's fix with your real resource IDs):");
        Code("bash", info.Threat is not null ? $"cloud-audit threat-feed --pattern {info.Id} -R"
            : info.Scope == CheckScope.Organization ? $"cloud-audit scan --organization --regions all --checks {info.Id} -R" : $"cloud-audit scan --checks {info.Id} -R");

        Heading("Remediation: AWS CLI", 2);
        Paragraph(info.Recommendation);
        foreach (var template in Templates(info))
        {
            if (template.When is { } when) Paragraph(markdown ? $"*When {when}:*" : $"When {when}:");
            Code("bash", Display(info, template, t => t.Cli));
        }

        Heading("Remediation: Terraform", 2);
        foreach (var template in Templates(info))
        {
            if (template.When is { } when) Paragraph(markdown ? $"*When {when}:*" : $"When {when}:");
            Code("hcl", Display(info, template, t => t.Terraform));
        }
        Paragraph($"Reference: {info.Remediation.DocUrl}");

        Heading("Compliance mapping", 2);
        if (info.Compliance.Count == 0)
            Paragraph("This check is not part of a compliance framework; it is a cloud-audit best-practice check.");
        else
            foreach (var group in info.Compliance.GroupBy(c => c.Framework))
                page.AppendLine($"- {group.Key}: " + string.Join(", ", group.Select(c => $"v{c.Version} {c.Control}")));
        return page.ToString().TrimEnd() + "\n";
    }

    private static IEnumerable<RemediationTemplate> Templates(CheckInfo info) => [info.Remediation, .. info.RemediationVariants];

    /// <summary>A template with the check's fixed values filled in and every other slot shown as its placeholder (&lt;REGION&gt;).</summary>
    private static string Display(CheckInfo info, RemediationTemplate template, Func<RenderedRemediation, string> pick)
    {
        var slots = new SlotValues();
        foreach (var name in template.SlotNames())
        {
            if (info.FixedSlots.TryGetValue(name, out var value)) slots.With(name, value);
            else slots.Placeholder(name, name.ToUpperInvariant());
        }
        return pick(template.Render(slots)).TrimEnd();
    }

    /// <summary>"4.4 (v3.0, v5.0), 5.4 (v6.0, v7.0)".</summary>
    private static string CisSummary(IEnumerable<ComplianceRef> refs) => string.Join(", ",
        refs.GroupBy(r => r.Control).Select(g => $"{g.Key} (v{string.Join(", v", g.Select(r => r.Version))})"));
}
