using CloudAudit.Checks.Framework;
using CloudAudit.History.Comparison;
using CloudAudit.History.Model;

namespace CloudAudit.History.Tests;

public sealed class ComparisonTests
{
    private static readonly FindingRecord Stays = Scans.Finding("stays");
    private static readonly FindingRecord Goes = Scans.Finding("goes");
    private static readonly FindingRecord Comes = Scans.Finding("comes");

    [Fact]
    public void Findings_are_matched_by_fingerprint_into_new_fixed_and_unchanged()
    {
        var diff = ScanComparer.Compare(Scans.Of([Stays, Goes]), Scans.Of([Stays, Comes], Scans.Start.AddDays(1)));
        Assert.Equal(new ChangeCounts(New: 1, Fixed: 1, Changed: 0, Unchanged: 1, Unverified: 0, Hidden: 0), diff.Counts);
        Assert.Equal("comes", diff.Of(ChangeKind.New).Single().Finding.ResourceId);
        Assert.Equal("goes", diff.Of(ChangeKind.Fixed).Single().Finding.ResourceId);
        Assert.True(diff.HasRegression);
        Assert.Empty(diff.ScopeWarnings);
        Assert.Equal([new CheckChanges("111111111111", "aws-s3-003", diff.Counts)], diff.ByCheck);
    }

    [Fact]
    public void Nothing_new_is_no_regression()
    {
        var diff = ScanComparer.Compare(Scans.Of([Stays, Goes]), Scans.Of([Stays]));
        Assert.False(diff.HasRegression);
        Assert.Equal(diff.New.Score - diff.Old.Score, diff.ScoreChange);
        Assert.Equal(2, diff.ScoreChange);
    }

    [Fact]
    public void A_finding_with_another_severity_or_wording_is_changed_not_new()
    {
        var reworded = Stays with { Severity = Severity.High, Description = "now worse" };
        var change = ScanComparer.Compare(Scans.Of([Stays]), Scans.Of([reworded])).Changes.Single();
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Equal(["severity", "description"], change.ChangedFields);
        Assert.Equal(Severity.Low, change.Old!.Severity);
    }

    [Theory]
    [InlineData(CheckStatus.NotAssessed)]
    [InlineData(CheckStatus.Error)]
    public void A_finding_whose_check_could_not_look_again_is_unverified_not_fixed(CheckStatus status)
    {
        var now = Scans.Of([], results: [new CheckRecord("111111111111", "aws-s3-003", status, 0, "denied", [])]);
        Assert.Equal(ChangeKind.Unverified, ScanComparer.Compare(Scans.Of([Goes]), now).Changes.Single().Kind);
    }

    [Fact]
    public void A_gap_in_the_findings_region_or_a_check_not_run_leaves_it_unverified()
    {
        var gap = Scans.Of([Comes], results: [new CheckRecord("111111111111", "aws-s3-003", CheckStatus.Fail, 3, null, ["us-east-1"])]);
        var otherGap = Scans.Of([Comes], results: [new CheckRecord("111111111111", "aws-s3-003", CheckStatus.Fail, 3, null, ["eu-west-1"])]);
        var notRun = Scans.Of([], checks: ["aws-ct-002"]);
        Assert.Equal(ChangeKind.Unverified, ScanComparer.Compare(Scans.Of([Goes]), gap).Of(ChangeKind.Unverified).Single().Kind);
        Assert.Single(ScanComparer.Compare(Scans.Of([Goes]), otherGap).Of(ChangeKind.Fixed));
        Assert.Single(ScanComparer.Compare(Scans.Of([Goes]), notRun).Of(ChangeKind.Unverified));
    }

    [Fact]
    public void A_finding_suppressed_since_is_hidden_and_one_whose_suppression_expired_is_new()
    {
        var accepted = Goes with { State = FindingState.Suppressed };
        var hidden = ScanComparer.Compare(Scans.Of([Goes]), Scans.Of([accepted])).Changes.Single();
        Assert.Equal(ChangeKind.Hidden, hidden.Kind);
        Assert.Equal(FindingState.Suppressed, hidden.New!.State);
        var reopened = ScanComparer.Compare(Scans.Of([accepted]), Scans.Of([Goes])).Changes.Single();
        Assert.Equal(ChangeKind.New, reopened.Kind);
        Assert.Equal(FindingState.Suppressed, reopened.Old!.State);
    }

    [Fact]
    public void Different_scopes_are_warned_about_and_one_account_can_be_compared_alone()
    {
        var other = Scans.Finding("theirs", account: "222222222222");
        var old = Scans.Of([Stays], accounts: ["111111111111"]) with { Regions = ["us-east-1"] };
        var current = Scans.Of([Stays, other], accounts: ["111111111111", "222222222222"]) with { MinSeverity = Severity.Medium };
        var diff = ScanComparer.Compare(old, current);
        Assert.Equal(
        [
            "the scans cover different accounts (111111111111 → 111111111111, 222222222222)",
            "the scans cover different regions (us-east-1 → eu-west-1, us-east-1)",
            "the scans used different severity thresholds (none → medium)",
        ], diff.ScopeWarnings);
        var one = ScanComparer.Compare(old, current, account: "111111111111");
        Assert.Equal(1, one.Counts.Unchanged);
        Assert.Equal(0, one.Counts.New);
    }

    [Fact]
    public void Twenty_thousand_findings_compare_in_one_pass()
    {
        var diff = ScanComparer.Compare(Scans.Of(Scans.Many(20_000)), Scans.Of(Scans.Many(20_000, offset: 100)));
        Assert.Equal((100, 100, 19_900), (diff.Counts.New, diff.Counts.Fixed, diff.Counts.Unchanged));
    }
}
