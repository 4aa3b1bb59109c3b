using System.Text.RegularExpressions;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Console;
using CloudAudit.Reports.Tests.Support;
using Spectre.Console;

namespace CloudAudit.Reports.Tests;

/// <summary>
/// The default console report of the demo organization, rendered at 80 and 120 columns: it fits the line budget,
/// never wraps a line (so no ARN is broken), lists the top findings in severity order, names every failing check
/// once and summarizes every coverage gap; <c>--details</c> still holds every finding.
/// </summary>
public class ConsoleSummaryTests
{
    private static readonly ScanReport Demo = TestReports.Demo();

    // The lines a report starts at column 0; a wrapped line would start a continuation there with a word fragment.
    private static readonly string[] Headings =
    [
        "cloud-audit ", "Health score ", "Checks ", "Not counted: ", "Expired suppression ", "Attack chains (", "Fix first: ",
        "Top findings (", "No findings.", "Failing checks (", "Not checked (", "More: ",
    ];

    private static string[] Render(ScanReport report, int width, bool details = false, bool remediation = false)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        new ConsoleReportWriter(console, remediation, details: details).Write(report);
        return text.ToString().TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>The lines under a heading, up to the next blank line.</summary>
    private static string[] Section(string[] lines, string heading) =>
        lines.SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void The_demo_fits_the_line_budget_and_no_line_is_wrapped(int width)
    {
        var lines = Render(Demo, width);

        Assert.InRange(lines.Length, 40, ConsoleSummaryWriter.LineBudget);
        Assert.All(lines, l => Assert.True(l.GetCellWidth() <= width, $"wider than {width}: {l}"));
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal)), l =>
            Assert.True(Headings.Any(h => l.StartsWith(h, StringComparison.Ordinal)) || Regex.IsMatch(l, @"^\d+ check\(s\) fail because of "),
                $"a line starts with no heading and no indent (wrapped?): {l}"));
        // A token is whole, or shortened with an ellipsis at the end of its line.
        Assert.All(lines, l => Assert.DoesNotMatch(@"…(?! \d|$)", l));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Top_findings_are_the_most_severe_in_severity_order(int width)
    {
        var top = Section(Render(Demo, width), "Top findings (").Where((_, i) => i % 2 == 0).ToList();

        Assert.Equal(ConsoleSummaryWriter.TopFindingCount, top.Count);
        var severities = top.Select(l => Enum.Parse<Severity>(l.Trim().Split(' ')[0], ignoreCase: true)).ToList();
        Assert.Equal(severities.Order(), severities);
        var worst = Demo.ActiveFindings.Min(f => f.Severity);
        Assert.Equal(worst, severities[0]);
        // Most severe first: nothing left out is more severe than the last one shown.
        var shown = ConsoleSummaryWriter.TopFindings(Demo);
        Assert.Equal(shown.Select(f => f.CheckId), top.Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.DoesNotContain(Demo.ActiveFindings.Except(shown), f => f.Severity < severities[^1]);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Every_failing_check_is_named_once(int width)
    {
        var section = string.Join('\n', Section(Render(Demo, width), "Failing checks ("));
        var failing = Demo.ActiveFindings.Select(f => f.CheckId).Distinct().ToList();

        Assert.True(failing.Count > 50, "the demo has many failing checks");
        Assert.All(failing, id => Assert.Single(Regex.Matches(section, $@"(?<![\w-]){Regex.Escape(id)} ×\d+")));
        foreach (var id in failing)
        {
            var count = Demo.ActiveFindings.Count(f => f.CheckId == id);
            Assert.Matches($@"(?<![\w-]){Regex.Escape(id)} ×{count}\b", section);
        }
    }

    [Fact]
    public void Every_coverage_gap_is_summarized_by_account_region_and_cause()
    {
        var section = Section(Render(Demo, 160), "Not checked (");
        var gaps = Demo.Results.SelectMany(r => r.Result.Gaps.Select(g => (r.Result.AccountId, Gap: g))).ToList();

        Assert.NotEmpty(gaps);
        Assert.True(section.Length < gaps.Count, "gaps are summarized, not listed one by one");
        foreach (var (account, gap) in gaps)
        {
            var lines = section.Where(l => l.StartsWith($"  {account} {gap.Region}: ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(lines);
            if (gap.Message.Contains("service control policy", StringComparison.Ordinal))
                Assert.Contains(lines, l => l.Contains("an SCP denies", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(section, l => l.Contains("is not authorized", StringComparison.Ordinal));
    }

    [Fact]
    public void Details_hold_every_finding_and_every_aws_message()
    {
        var output = string.Join('\n', Render(Demo, 120, details: true));
        var flat = Regex.Replace(output, @"\s+", " ");

        foreach (var f in Demo.ActiveFindings)
        {
            Assert.True(output.Contains(f.ResourceId, StringComparison.Ordinal), $"{f.ResourceId} is not in the details");
            Assert.True(flat.Contains(Regex.Replace(f.Description, @"\s+", " "), StringComparison.Ordinal), $"{f.Description} is not in the details");
        }
        Assert.Contains("with an explicit deny in a service control policy", flat);
        Assert.True(output.Split('\n').Length > 3 * ConsoleSummaryWriter.LineBudget);
    }

    [Fact]
    public void Fixes_without_details_are_the_top_findings_and_one_per_other_failing_check()
    {
        var lines = Render(Demo, 120, remediation: true);
        var top = ConsoleSummaryWriter.TopFindings(Demo);
        var others = Demo.ActiveFindings.Select(f => f.CheckId).Distinct().Count(id => top.All(f => f.CheckId != id));

        Assert.Equal(top.Count + others, lines.Count(l => l.Trim() == "AWS CLI"));
        // Commands are printed whole, never cut to the width.
        var longest = Demo.ActiveFindings.Where(f => f.Remediation is not null).SelectMany(f => f.Remediation!.Cli.Split('\n'))
            .Where(l => l.Length > 120).ToList();
        Assert.Contains(lines, l => longest.Any(c => l.Trim() == c.Trim()));
    }

    [Fact]
    public void A_clean_scan_says_so_and_scanned_text_cannot_drive_the_terminal()
    {
        Assert.Contains("No findings.", Render(TestReports.Of([]), 80));
        var hostile = string.Join('\n', Render(Hostile.Report(), 120));
        Assert.DoesNotContain('\u001b', hostile);
        Assert.DoesNotContain('\u0007', hostile);
    }

    [Fact]
    public void An_account_not_assessed_is_named_with_its_cause_and_never_ranked_as_clean()
    {
        const string locked = "333333333333";
        var cause = "Could not assume role arn:aws:iam::333333333333:role/OrganizationAccountAccessRole: AccessDenied";
        var report = Demo with
        {
            AccountIds = [.. Demo.AccountIds, locked],
            AccountDetails = [.. Demo.AccountIds.Select(id => new ScannedAccount(id, null, null, [], null, 1)), new ScannedAccount(locked, "locked", null, [], cause, null)],
        };

        var lines = Render(report, 160);

        Assert.Contains($"{Demo.AccountIds.Count + 1} accounts (1 not assessed)", lines[0]);
        Assert.Contains($"  NOT ASSESSED {locked} (locked): {cause}", lines);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith(locked + "  score", StringComparison.Ordinal));
    }
}
