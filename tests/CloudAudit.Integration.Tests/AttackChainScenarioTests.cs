using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Attack chains on live accounts in moto (seed_chains.py), scanned end to end: in <c>chains</c> the parts of each
/// chain are linked resources and the chain fires; in <c>chains-decoy</c> the same findings exist (an open security
/// group, an IMDSv1 instance, administrator roles, a bucket reader, a VPC without flow logs) on resources that are
/// not linked, and none of those chains fires. The identity chains (AC-07, AC-12/AC-26, CA-08) are seeded the same way:
/// an open CI trust, a console user without MFA and a vendor trust without external ID, each on an administrator in
/// <c>chains</c> and on a powerless principal in <c>chains-decoy</c>, whose administrators are guarded.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AttackChainScenarioTests(MotoServer moto)
{
    /// <summary>The chains the linked account must have and the decoy must not.</summary>
    private static readonly string[] LinkedChains = ["AC-01", "AC-02", "AC-07", "AC-13", "AC-14", "CA-01", "CA-04", "CA-08"];

    /// <summary>An administrator user without MFA: AC-12, or AC-26 in its place when no alarm watches privileged activity.</summary>
    private static List<JsonElement> AdminWithoutMfa(JsonElement report) => [.. Chains(report, "AC-12"), .. Chains(report, "AC-26")];

    private JsonElement Scan(string scenario)
    {
        var run = moto.Once($"chains scan {scenario}", () =>
            CliRunner.Run("scan", "--role-arn", moto.RoleArn(scenario), "--regions", "us-east-1", "--format", "json", "--quiet"));
        Assert.True(run.ExitCode == 1, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static List<JsonElement> Chains(JsonElement report, string id) =>
        [.. report.GetProperty("attack_chains").EnumerateArray().Where(c => c.GetProperty("chain_id").GetString() == id)];

    private static IReadOnlyList<string> Resources(JsonElement chain) =>
        [.. chain.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!)];

    private static IReadOnlyList<string> Failing(JsonElement report, string check) =>
        [.. report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == check)
            .SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("resource_id").GetString()!)];

    [MotoFact]
    public void Each_chain_fires_on_the_resources_that_are_linked()
    {
        var report = Scan("chains");
        var account = moto.Accounts["chains"];
        foreach (var id in LinkedChains)
            Assert.True(Chains(report, id).Count > 0, $"{id} did not fire");

        var admin = Resources(Assert.Single(Chains(report, "AC-01")));
        Assert.Matches($"^arn:aws:ec2:us-east-1:{account}:instance/i-", admin[0]);
        Assert.Equal($"arn:aws:iam::{account}:role/web-admin", admin[1]);
        Assert.Equal(admin, Resources(Assert.Single(Chains(report, "AC-02"))));
        // The api instance runs as app: app reads the bucket and can become an administrator by assuming ops-admin.
        var reads = Resources(Assert.Single(Chains(report, "CA-04")));
        Assert.Equal([$"arn:aws:iam::{account}:role/app", $"arn:aws:s3:::data-{account}"], reads.Skip(1));
        Assert.Equal($"arn:aws:iam::{account}:role/app", Resources(Assert.Single(Chains(report, "CA-01")))[1]);
        var network = Resources(Assert.Single(Chains(report, "AC-13")));
        Assert.Contains(network, r => r.Contains(":security-group/", StringComparison.Ordinal));
        Assert.Contains($"arn:aws:iam::{account}:role/deploy", Resources(Assert.Single(Chains(report, "AC-07"))));
        Assert.Contains($"arn:aws:iam::{account}:role/vendor-admin", Resources(Assert.Single(Chains(report, "CA-08"))));
        Assert.Contains($"arn:aws:iam::{account}:user/ops-lead", Resources(Assert.Single(AdminWithoutMfa(report))));
    }

    [MotoFact]
    public void The_decoy_has_the_same_findings_on_unlinked_resources_and_none_of_those_chains()
    {
        var report = Scan("chains-decoy");
        var account = moto.Accounts["chains-decoy"];
        Assert.Single(Failing(report, "aws-vpc-002"));
        Assert.Single(Failing(report, "aws-ec2-004"));
        Assert.Contains($"arn:aws:iam::{account}:role/web-admin#access", Failing(report, "aws-iam-005"));
        Assert.NotEmpty(Failing(report, "aws-vpc-003"));
        Assert.Contains($"arn:aws:iam::{account}:role/ci-open", Failing(report, "aws-iam-007"));
        Assert.Contains($"arn:aws:iam::{account}:user/ops-lead", Failing(report, "aws-iam-002"));
        Assert.Contains($"arn:aws:iam::{account}:user/admin-mfa#access", Failing(report, "aws-iam-005"));
        Assert.Contains($"arn:aws:iam::{account}:role/vendor-admin#access", Failing(report, "aws-iam-005"));
        foreach (var id in LinkedChains)
            Assert.True(Chains(report, id).Count == 0, $"{id} fired in the decoy: {string.Join(", ", Chains(report, id).SelectMany(Resources))}");
        Assert.Empty(AdminWithoutMfa(report));
    }
}
