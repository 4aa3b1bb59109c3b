using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Demo;
using CloudAudit.Inventory;

namespace CloudAudit.Remediation.Tests.Snippets;

/// <summary>
/// Every remediation the product can print, per check: each demo finding's rendered fix, and each of the
/// check's templates rendered as its documentation page shows it (fixed slots filled, every other slot a
/// &lt;PLACEHOLDER&gt;), so templates no demo finding reaches are covered too.
/// </summary>
public static class RemediationSnippets
{
    private static readonly DateTimeOffset DemoClock = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<Snippet>> AllSnippets = new(Collect);

    public static IReadOnlyList<Snippet> All => AllSnippets.Value;

    public static IEnumerable<Snippet> Of(string checkId, SnippetLanguage language) =>
        All.Where(s => s.CheckId == checkId && s.Language == language);

    /// <summary>A check's templates, each with how a failure names it ("template variant 1 (when …)").</summary>
    public static IEnumerable<(RemediationTemplate Template, string Origin)> Templates(CheckInfo info) =>
        new[] { info.Remediation }.Concat(info.RemediationVariants).Select((template, index) =>
            (template, (index == 0 ? "template" : $"template variant {index}") + (template.When is { } when ? $" (when {when})" : "")));

    /// <summary>A template as the check's page shows it: fixed slots filled, every other slot a placeholder.</summary>
    public static RenderedRemediation WithPlaceholders(CheckInfo info, RemediationTemplate template) =>
        Render(info, template, name => new SlotValue.Placeholder(name.ToUpperInvariant()));

    /// <summary>A template rendered with the check's fixed slots and <paramref name="otherSlot"/> for every other slot.</summary>
    public static RenderedRemediation Render(CheckInfo info, RemediationTemplate template, Func<string, SlotValue> otherSlot)
    {
        var slots = new SlotValues();
        foreach (var name in template.SlotNames())
            slots.With(name, info.FixedSlots.TryGetValue(name, out var value) ? value : otherSlot(name));
        return template.Render(slots);
    }

    private static List<Snippet> Collect()
    {
        var snippets = new List<Snippet>();
        foreach (var check in CheckRegistry.All)
        {
            foreach (var (template, origin) in Templates(check.Info))
                Add(snippets, check.Info.Id, origin, WithPlaceholders(check.Info, template));
        }
        var demo = DemoAccount.Build(DemoClock, "test");
        foreach (var result in CheckRunner.Run(CheckRegistry.All, demo.Accounts.Select(a => new AccountData(a)), DemoClock))
            foreach (var finding in result.Findings)
                if (finding.Remediation is { } rendered)
                    Add(snippets, finding.CheckId, $"demo finding on {finding.ResourceId} ({finding.AccountId}, {finding.Region})", rendered);
        return snippets;
    }

    private static void Add(List<Snippet> snippets, string checkId, string origin, RenderedRemediation rendered)
    {
        snippets.Add(new Snippet(checkId, origin, SnippetLanguage.Cli, rendered.Cli));
        snippets.Add(new Snippet(checkId, origin, SnippetLanguage.Terraform, rendered.Terraform));
    }
}
