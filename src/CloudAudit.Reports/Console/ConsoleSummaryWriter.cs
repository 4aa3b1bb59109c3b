using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;
using Spectre.Console;

namespace CloudAudit.Reports.Console;

/// <summary>
/// The default terminal report: a screen or two that answers how bad it is, what to fix first and what could not be
/// checked. Every line is one terminal line (shortened, never wrapped); the failing checks fill what is left of
/// <see cref="LineBudget"/>, one line each while they fit and packed by name after that, so each is named once.
/// Everything else is in <c>--details</c>, the HTML and the JSON reports.
/// </summary>
public sealed class ConsoleSummaryWriter(IAnsiConsole console, bool showRemediation)
{
    /// <summary>The most lines the summary takes without -R, whatever the scan found.</summary>
    public const int LineBudget = 100;
    public const int TopFindingCount = 10;
    private const int ChainsShown = 5;
    private const int PlanShown = 5;
    private const int AccountsShown = 8;
    // Two findings of one check at most among the top ones, so they show more than one problem.
    private const int TopFindingsPerCheck = 2;
    // The failing checks always get at least this many lines, however long the rest is.
    private const int MinimumCheckLines = 6;

    private int Width => console.Profile.Width;

    public void Write(ScanReport report)
    {
        var top = TopFindings(report);
        var before = Header(report).Concat(Chains(report)).Concat(Plan(report)).Concat(Top(report, top)).ToList();
        var after = Coverage(report).Concat(Folding(report)).Concat(Hint()).ToList();
        var checkLines = Math.Max(MinimumCheckLines, LineBudget - before.Count - after.Count);
        foreach (var line in before.Concat(FailingChecks(report, checkLines)).Concat(after))
            console.MarkupLine(line.ToMarkup(Width));
        if (showRemediation)
            new ConsoleFixes(console).Write(report, top);
    }

    private IEnumerable<ConsoleLine> Header(ScanReport report)
    {
        var s = report.Summary;
        var accounts = report.AccountIds.Count == 1 ? $"account {report.AccountIds[0]}" : $"{report.AccountIds.Count} accounts";
        if (report.AccountDetails.Count(a => !a.Assessed) is > 0 and var unassessed)
            accounts += $" ({unassessed} not assessed)";
        yield return new ConsoleLine().Add("cloud-audit ", "bold").Add(
            $"{report.Source} scan · {accounts} · {string.Join(", ", report.Regions)} · {Count(s.ResourcesScanned)} resources · {report.DurationSeconds:0.#} s", "dim");
        var color = s.Score >= 80 ? "bold green" : s.Score >= 50 ? "bold yellow" : "bold red";
        var severities = string.Join(", ", s.BySeverity.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => $"{p.Value} {p.Key.Lower()}"));
        yield return new ConsoleLine().Add("Health score ").Add($"{s.Score}/100", color)
            .Add($"   {Count(s.TotalFindings)} findings" + (severities.Length > 0 ? $": {severities}" : ""));
        yield return new ConsoleLine().Add("Checks ").Add($"{s.ChecksPassed} passed", "green").Add(" · ").Add($"{s.ChecksFailed} failed", "red")
            .Add($" · {s.ChecksErrored} errored · ").Add($"{s.ChecksNotAssessed} not assessed", "yellow").Add($" · {s.ChecksNotApplicable} not applicable");
        var hidden = new List<string>();
        if (s.FindingsSuppressed > 0) hidden.Add($"{s.FindingsSuppressed} suppressed (--show-suppressed)");
        if (s.FindingsBelowThreshold > 0) hidden.Add($"{s.FindingsBelowThreshold} below --min-severity");
        if (s.FindingsFolded > 0) hidden.Add($"{s.FindingsFolded} folded under their root cause");
        if (hidden.Count > 0) yield return new ConsoleLine().Add("Not counted: " + string.Join(" · ", hidden), "dim");
        foreach (var expired in report.ExpiredSuppressions)
            yield return new ConsoleLine().Add($"Expired suppression {expired.CheckId} {expired.ResourceId ?? "*"} ({expired.Expires:yyyy-MM-dd}): its findings are shown again", "yellow");
        foreach (var line in Accounts(report)) yield return line;
    }

    /// <summary>
    /// The accounts that could not be read at all, each with its cause (they have no findings, and must never look
    /// clean), then, with several assessed accounts, the worst of them.
    /// </summary>
    private static IEnumerable<ConsoleLine> Accounts(ScanReport report)
    {
        var unassessed = report.AccountDetails.Where(a => !a.Assessed).ToList();
        foreach (var account in unassessed.Take(AccountsShown))
            yield return new ConsoleLine().Add("  NOT ASSESSED ", "bold yellow")
                .Add(account.AccountId + (account.Name is { } name ? $" ({name})" : "") + ": ").Add(account.NotAssessed!, "dim");
        if (unassessed.Count > AccountsShown)
            yield return new ConsoleLine().Add($"  … {unassessed.Count - AccountsShown} more accounts not assessed (--details, JSON account_details)", "yellow");
        var byAccount = report.ActiveFindings.GroupBy(f => Owner.Of(f, report.Organization)).ToDictionary(g => g.Key, g => g.ToList());
        // What was evaluated once for the organization is counted under it, never under the member whose data it read.
        if (report.Results.Any(r => r.Result.Scope == CheckScope.Organization))
        {
            var own = byAccount.GetValueOrDefault(Owner.Organization(report.Organization)) ?? [];
            yield return new ConsoleLine().Add($"  {Owner.Organization(report.Organization)}  score {HealthScore.Of(own),3}  {own.Count} findings (evaluated once)", "dim");
        }
        var assessed = report.AccountIds.Where(id => unassessed.All(a => a.AccountId != id)).ToList();
        if (assessed.Count < 2) yield break;
        var worst = assessed.Select(id => (Id: id, Findings: byAccount.GetValueOrDefault(id) ?? []))
            .OrderBy(a => HealthScore.Of(a.Findings)).ThenByDescending(a => a.Findings.Count).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        foreach (var (id, findings) in worst.Take(AccountsShown))
            yield return new ConsoleLine().Add($"  {id}  score {HealthScore.Of(findings),3}  {findings.Count} findings", "dim");
        if (worst.Count > AccountsShown)
            yield return new ConsoleLine().Add($"  … {worst.Count - AccountsShown} more accounts", "dim");
    }

    private static IEnumerable<ConsoleLine> Chains(ScanReport report)
    {
        var chains = report.AttackPaths.Chains;
        if (chains.Count == 0) yield break;
        yield return ConsoleLine.Blank;
        var bySeverity = string.Join(", ", chains.GroupBy(c => c.Severity).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Lower()}"));
        yield return new ConsoleLine().Add($"Attack chains ({chains.Count}: {bySeverity})", "bold");
        var multiAccount = report.AccountIds.Count > 1;
        foreach (var chain in chains.Take(ChainsShown))
            yield return new ConsoleLine().Add("  ").Add($"{chain.Severity.Upper(),-8}", Color(chain.Severity)).Add($" {chain.ChainId} ", "bold")
                .Add(chain.Name).Add($"  {(multiAccount ? chain.AccountId + " " : "")}{chain.Anchor}", "dim");
        if (chains.Count > ChainsShown)
            yield return new ConsoleLine().Add($"  … {chains.Count - ChainsShown} more chains in --details and the HTML report", "dim");
    }

    private static IEnumerable<ConsoleLine> Plan(ScanReport report)
    {
        var plan = report.AttackPaths.RootCauses;
        if (plan.Count == 0) yield break;
        yield return ConsoleLine.Blank;
        var shown = plan.Take(PlanShown).ToList();
        var broken = shown.SelectMany(r => r.ChainKeys).Distinct(StringComparer.Ordinal).Count();
        yield return new ConsoleLine().Add($"Fix first: {shown.Count} fixes break {broken} of {report.AttackPaths.Chains.Count} chains", "bold");
        var step = 1;
        foreach (var cause in shown)
            yield return new ConsoleLine().Add($"  {step++}. ").Add(cause.CheckId, "bold")
                .Add($"  breaks {cause.ChainKeys.Count} chain(s), closes {cause.FindingsClosed} finding(s), effort {cause.Effort.Lower()}"
                    + (cause.QuickWin ? ", quick win" : "") + ": ", "dim").Add(cause.FixTitle);
        if (plan.Count > PlanShown)
            yield return new ConsoleLine().Add($"  … {plan.Count - PlanShown} more fixes in the plan (--details, HTML, JSON root_causes)", "dim");
    }

    /// <summary>The most severe active findings, at most two per check so the list shows more than one problem.</summary>
    public static IReadOnlyList<Finding> TopFindings(ScanReport report) =>
        Ordered(report.ActiveFindings).GroupBy(f => f.CheckId, StringComparer.Ordinal)
            .SelectMany(g => g.Take(TopFindingsPerCheck)).OrderBy(f => f.Severity).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.AccountId, StringComparer.Ordinal).ThenBy(f => f.ResourceId, StringComparer.Ordinal)
            .Take(TopFindingCount).ToList();

    private static IOrderedEnumerable<Finding> Ordered(IEnumerable<Finding> findings) =>
        findings.OrderBy(f => f.Severity).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.AccountId, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal)
            .ThenBy(f => f.ResourceId, StringComparer.Ordinal);

    private static IEnumerable<ConsoleLine> Top(ScanReport report, IReadOnlyList<Finding> top)
    {
        yield return ConsoleLine.Blank;
        if (top.Count == 0)
        {
            yield return new ConsoleLine().Add("No findings.", "green");
            yield break;
        }
        yield return new ConsoleLine().Add($"Top findings ({top.Count} of {report.Summary.TotalFindings})", "bold");
        foreach (var f in top)
        {
            yield return new ConsoleLine().Add("  ").Add($"{f.Severity.Upper(),-8}", Color(f.Severity)).Add($" {f.CheckId}  ", "bold")
                .Add(report.AccountIds.Count > 1 ? f.AccountId + "  " : "").Add(f.Region + "  ").Add(f.ResourceId);
            yield return new ConsoleLine().Add("           " + f.Title);
        }
    }

    private IEnumerable<ConsoleLine> FailingChecks(ScanReport report, int lines)
    {
        var failing = FailingCheck.Of(report);
        if (failing.Count == 0) yield break;
        yield return ConsoleLine.Blank;
        yield return new ConsoleLine().Add($"Failing checks ({failing.Count}), most severe first", "bold");
        var room = lines - 2;
        var single = Math.Min(failing.Count, room);
        var packed = Packed(failing.Skip(single));
        while (single > 0 && single + packed.Count > room)
            packed = Packed(failing.Skip(--single));
        foreach (var check in failing.Take(single))
            yield return new ConsoleLine().Add("  ").Add($"{check.Severity.Upper(),-8}", Color(check.Severity))
                .Add($" {check.CheckId} ×{check.Findings}  ", "bold").Add(check.Title)
                .Add(": " + string.Join(", ", check.FirstResources) + (check.Findings > check.FirstResources.Count ? ", …" : ""), "dim");
        foreach (var line in packed) yield return line;
    }

    /// <summary>The checks that get no line of their own: by name and count, packed, under their severity.</summary>
    private List<ConsoleLine> Packed(IEnumerable<FailingCheck> checks) =>
        checks.GroupBy(c => c.Severity).OrderBy(g => g.Key).SelectMany(g =>
        {
            var lines = ConsoleLine.Packed(g.Select(c => $"{c.CheckId} ×{c.Findings}"), Width, new string(' ', 11));
            return lines.Select((line, i) => i > 0 ? line
                : new ConsoleLine().Add("  ").Add($"{g.Key.Upper(),-8}", Color(g.Key)).Add(line.Plain[10..]));
        }).ToList();

    private static IEnumerable<ConsoleLine> Coverage(ScanReport report)
    {
        var groups = CoverageSummary.Of(report);
        var unexplained = CoverageSummary.Unexplained(report).ToList();
        if (groups.Count == 0 && unexplained.Count == 0) yield break;
        yield return ConsoleLine.Blank;
        var s = report.Summary;
        yield return new ConsoleLine().Add("Not checked", "bold yellow")
            .Add($" ({s.ChecksNotAssessed + s.ChecksErrored} checks not assessed, {s.CoverageGaps} reads missing; kept out of the score)", "dim");
        var multiAccount = report.AccountIds.Count > 1;
        foreach (var g in groups)
        {
            var affected = new List<string>();
            if (g.NotAssessed.Count > 0) affected.Add($"{g.NotAssessed.Count} check(s) not assessed");
            if (g.PartlyAssessed.Count > 0) affected.Add($"{g.PartlyAssessed.Count} partly assessed");
            yield return new ConsoleLine().Add($"  {(multiAccount ? g.AccountId + " " : "")}{g.Region}: ")
                .Add($"{g.Cause} {g.Reads.Count} read(s)", "yellow").Add($", {string.Join(", ", affected)}: ")
                .Add(CoverageSummary.Reads(g.Reads), "dim");
        }
        foreach (var result in unexplained)
            yield return new ConsoleLine().Add($"  {result.CheckId} {(result.Status == CheckStatus.Error ? "errored" : "not assessed")}: ", "yellow")
                .Add(result.Error ?? result.Reason ?? "no cause given", "dim");
    }

    private static IEnumerable<ConsoleLine> Folding(ScanReport report)
    {
        var folded = report.Results.Where(r => r.FoldedInto is not null).GroupBy(r => r.FoldedInto!).ToList();
        if (folded.Count == 0) yield break;
        yield return ConsoleLine.Blank;
        foreach (var group in folded)
            yield return new ConsoleLine().Add($"{group.Count()} check(s) fail because of {group.Key}", "bold")
                .Add(" (their findings are reported once, under it): ")
                .Add(string.Join(", ", group.Select(r => r.Result.CheckId).Distinct(StringComparer.Ordinal)), "dim");
    }

    private static IEnumerable<ConsoleLine> Hint()
    {
        yield return ConsoleLine.Blank;
        yield return new ConsoleLine().Add("More: ", "bold").Add("--details", "bold").Add(" every finding and AWS message · ")
            .Add("-R", "bold").Add(" fixes · ").Add("--output report.html", "bold").Add(" or ").Add("--format json", "bold").Add(" the whole report");
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Color(Severity severity) => severity switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "blue",
        _ => "dim",
    };
}
