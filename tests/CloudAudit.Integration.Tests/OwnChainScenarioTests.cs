using System.Text.Json;
using CloudAudit.Analysis.Graph;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// cloud-audit's own chain rules on live accounts in moto (seed_chains_own.py), each account scanned once end to end.
/// In <c>chains-own</c> the parts of CA-02, CA-03, CA-05, CA-06, CA-07, CA-09, CA-10 and CA-11 are linked resources
/// and each chain fires on exactly those; in <c>chains-own-decoy</c> the same findings and the same grants exist on
/// resources that are not linked (the roles that reach secrets, keys, an administrator role and administrator compute
/// run internal instances while the exposed one runs as a powerless role; the public database sits in private subnets;
/// the open CI role writes a private bucket; the escalating user has MFA; the role anyone may assume is powerless) and
/// none of those chains fires; nor does CA-05 for an exposed instance whose role may assume an administrator role only
/// with MFA.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class OwnChainScenarioTests(MotoServer moto)
{
    /// <summary>The chains the linked account must have, once each, and the decoy must not have at all.</summary>
    private static readonly string[] OwnChains = ["CA-02", "CA-03", "CA-05", "CA-06", "CA-07", "CA-09", "CA-10", "CA-11"];

    private sealed record Scanned(JsonElement Report, string Account, IReadOnlyDictionary<string, string> Ids)
    {
        public string Iam(string resource) => $"arn:aws:iam::{Account}:{resource}";
        public string Instance(string id) => $"arn:aws:ec2:us-east-1:{Account}:instance/{id}";
    }

    /// <summary>What seed_chains_own.py printed: its accounts and the IDs moto gave the resources the tests name.</summary>
    public sealed record Seed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    private Scanned Scan(string scenario)
    {
        var seed = moto.SeedOnce<Seed>("seed_chains_own.py");
        var run = moto.Once($"own chains scan {scenario}", () =>
            CliRunner.Run("scan", "--role-arn", $"arn:aws:iam::{seed.Accounts[scenario]}:role/auditor", "--regions", "us-east-1",
                "--format", "json", "--quiet"));
        Assert.True(run.ExitCode == 1, run.Stderr);
        return new Scanned(JsonDocument.Parse(run.Stdout).RootElement, seed.Accounts[scenario], seed.Ids[scenario]);
    }

    private static List<JsonElement> Chains(JsonElement report, string id) =>
        [.. report.GetProperty("attack_chains").EnumerateArray().Where(c => c.GetProperty("chain_id").GetString() == id)];

    /// <summary>The resources of the one chain of the rule (failing when the rule fired on anything else too).</summary>
    private static IReadOnlyList<string> Only(JsonElement report, string id) =>
        [.. Assert.Single(Chains(report, id)).GetProperty("resources").EnumerateArray().Select(r => r.GetString()!)];

    private static IReadOnlyList<string> Failing(JsonElement report, string check) =>
        [.. report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == check)
            .SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("resource_id").GetString()!)];

    /// <summary>The sources of the security graph's edges of the type into the target.</summary>
    private static IReadOnlyList<string> Into(JsonElement report, string type, string target) =>
        [.. report.GetProperty("security_graph").GetProperty("edges").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type && e.GetProperty("target").GetString() == target)
            .Select(e => e.GetProperty("source").GetString()!)];

    /// <summary>The one instance that runs as the role.</summary>
    private static string InstanceOf(JsonElement report, string role) =>
        Assert.Single(Into(report, "runs_as", role), s => s.Contains(":instance/", StringComparison.Ordinal));

    [MotoFact]
    public void Exposed_workloads_chain_through_the_secret_key_administrator_role_and_administrator_instance_their_roles_reach()
    {
        var s = Scan("chains-own");
        var report = s.Report;
        Assert.Equal([InstanceOf(report, s.Iam("role/vault-reader")), s.Iam("role/vault-reader"), s.Ids["secret"]], Only(report, "CA-02"));
        Assert.Equal([InstanceOf(report, s.Iam("role/key-user")), s.Iam("role/key-user"), s.Ids["key"]], Only(report, "CA-03"));
        // ops-admin admits jump from its own VPC only: the escalation search leaves that edge out, so no CA-01 supersedes CA-05.
        Assert.Equal([InstanceOf(report, s.Iam("role/jump")), s.Iam("role/jump"), s.Iam("role/ops-admin")], Only(report, "CA-05"));
        Assert.Equal([InstanceOf(report, s.Iam("role/operator")), s.Iam("role/operator"), s.Instance(s.Ids["batch"]), s.Iam("role/batch-admin")],
            Only(report, "CA-06"));
        Assert.Equal([$"arn:aws:rds:us-east-1:{s.Account}:db:orders"], Only(report, "CA-09"));
    }

    [MotoFact]
    public void Identity_chains_fire_on_the_principal_that_holds_both_parts()
    {
        var s = Scan("chains-own");
        Assert.Equal([s.Iam("role/publish"), $"arn:aws:s3:::site-{s.Account}"], Only(s.Report, "CA-07"));
        Assert.Equal([s.Iam("user/dev-carol")], Only(s.Report, "CA-10"));
        Assert.Equal([s.Iam("role/shared-admin")], Only(s.Report, "CA-11"));
    }

    [MotoFact]
    public void The_decoy_has_the_same_findings_and_grants_on_unlinked_resources_and_none_of_the_chains()
    {
        var s = Scan("chains-own-decoy");
        var report = s.Report;
        // The findings: open SSH and PostgreSQL rules, a public database, administrator roles, an open CI trust, a
        // console user without MFA, an escalation path, a bucket anyone reads.
        Assert.Equal(2, Failing(report, "aws-vpc-002").Count);
        Assert.Equal([$"arn:aws:rds:us-east-1:{s.Account}:db:orders"], Failing(report, "aws-rds-001"));
        foreach (var admin in new[] { "batch-admin", "ops-admin", "shared-admin" })
            Assert.Contains(s.Iam($"role/{admin}#access"), Failing(report, "aws-iam-005"));
        Assert.Equal([s.Iam("role/publish")], Failing(report, "aws-iam-007"));
        Assert.Equal([s.Iam("user/intern")], Failing(report, "aws-iam-002"));
        Assert.Equal([s.Iam("user/dev-carol#iam-007")], Failing(report, "aws-iam-018"));
        Assert.Contains($"arn:aws:s3:::site-{s.Account}", Failing(report, "aws-dp-001"));
        // The grants, as the security graph holds them, on resources no exposed workload or open trust links.
        Assert.Contains(SecurityGraph.InternetId, Into(report, "reachable_from_internet", InstanceOf(report, s.Iam("role/plain"))));
        Assert.Contains(s.Iam("role/vault-reader"), Into(report, "can_read", s.Ids["secret"]));
        Assert.Contains(s.Iam("role/key-user"), Into(report, "can_decrypt", s.Ids["key"]));
        Assert.Contains(s.Iam("role/jump"), Into(report, "can_assume", s.Iam("role/ops-admin")));
        Assert.Contains(s.Iam("role/operator"), Into(report, "can_control", s.Instance(s.Ids["batch"])));
        Assert.Contains(s.Iam("role/publish"), Into(report, "can_write", $"arn:aws:s3:::artifacts-{s.Account}"));
        Assert.Contains(s.Iam("role/deploy-main"), Into(report, "can_write", $"arn:aws:s3:::site-{s.Account}"));
        Assert.Contains("*", Into(report, "can_read", $"arn:aws:s3:::site-{s.Account}"));
        Assert.Contains("*", Into(report, "can_assume", s.Iam("role/shared-reader")));
        Assert.DoesNotContain("*", Into(report, "can_assume", s.Iam("role/shared-admin")));
        // The exposed instance on-call may assume break-glass, an administrator, but only with MFA, which its session never has.
        Assert.Contains(SecurityGraph.InternetId, Into(report, "reachable_from_internet", InstanceOf(report, s.Iam("role/on-call"))));
        Assert.Contains(s.Iam("role/on-call"), Into(report, "can_assume", s.Iam("role/break-glass")));
        Assert.Contains(s.Iam("role/break-glass#access"), Failing(report, "aws-iam-005"));
        // The exposed instance's role may read site, but so may anyone: no CA-04 either.
        Assert.Contains(s.Iam("role/plain"), Into(report, "can_read", $"arn:aws:s3:::site-{s.Account}"));
        Assert.Empty(Chains(report, "CA-04"));
        foreach (var id in OwnChains)
            Assert.True(Chains(report, id).Count == 0,
                $"{id} fired in the decoy: {string.Join(", ", Chains(report, id).SelectMany(c => c.GetProperty("resources").EnumerateArray()))}");
    }
}
