using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// aws-iam-018 on live accounts in moto (seed_escalation.py): one account per service family, where the principal
/// holding exactly a path's permissions is reported with that path's ID and the one missing a permission is not, nor
/// are the lookalikes (PassRole only to a service that runs no code, a Deny on PassRole, a boundary without it); and
/// a chain of two hops, a trust of another account, and a trust of a role in a second moto account that assumes it.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class EscalationScenarioTests(MotoServer moto)
{
    private const string Check = "aws-iam-018";

    private CliRun Scan(string scenario) => moto.Once($"escalation scan {scenario}", () =>
        CliRunner.Run(["scan", "--role-arn", moto.RoleArn(scenario), "--regions", "us-east-1", "--format", "json", "--checks", Check]));

    private static List<string> FailingResources(CliRun run) =>
        [.. run.Result(Check).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource_id").GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>Each family's paths, and the reports expected of their exact-PATH users: the path's ID, and any other path the same permissions open.</summary>
    public static TheoryData<string, string[]> Families => new()
    {
        { "iam", ["iam-002", "iam-004", "iam-007", "iam-008", "iam-012", "iam-013"] },
        { "lambda", ["lambda-001", "lambda-002", "lambda-003", "lambda-006"] },
        { "ec2", ["ec2-001", "ec2-003"] },
        // iam:PassRole with ecs:RunTask also overrides the role of an existing task definition (ecs-008).
        { "ecs", ["ecs-004", "ecs-004>ecs-008"] },
        { "codebuild", ["codebuild-001"] },
        { "cloudformation", ["cloudformation-001"] },
        { "sagemaker", ["sagemaker-001"] },
        { "glue", ["glue-001", "glue-003"] },
        { "ssm", ["ssm-002"] },
    };

    [MotoTheory]
    [MemberData(nameof(Families))]
    public void Exactly_the_principals_holding_every_permission_of_a_path_are_reported_with_its_ID(string family, string[] paths)
    {
        var scenario = $"escalation-{family}";
        var run = Scan(scenario);

        Assert.True(run.Status(Check) == "FAIL", run.Stdout + run.Stderr);
        // Not the users missing a permission, not passed-elsewhere, denied-key or bounded.
        var expected = paths.Select(p => p.Split('>') is [var holder, var opened] ? (holder, opened) : (p, p))
            .Select(p => $"arn:aws:iam::{moto.Accounts[scenario]}:user/exact-{p.Item1}#{p.Item2}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(FailingResources(run)), "reported: " + string.Join(", ", FailingResources(run)));
        Assert.All(run.Result(Check).GetProperty("findings").EnumerateArray(), f => Assert.Equal("critical", f.GetProperty("severity").GetString()));
    }

    [MotoFact]
    public void A_chain_of_two_hops_names_every_hop()
    {
        var account = moto.Accounts["escalation-chain"];
        var run = Scan("escalation-chain");

        var dev = $"arn:aws:iam::{account}:user/dev";
        var deployer = $"arn:aws:iam::{account}:role/deployer";
        var helpdesk = $"arn:aws:iam::{account}:user/helpdesk";
        var release = $"arn:aws:iam::{account}:user/release";
        Assert.Equal([deployer + "#lambda-001", dev + "#sts-001", helpdesk + "#iam-002", release + "#iam-008"], FailingResources(run));
        var finding = run.Result(Check).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("resource_id").GetString() == dev + "#sts-001");
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        var description = finding.GetProperty("description").GetString()!;
        Assert.Contains("deployer", description);
        Assert.Contains("able to escalate to administrator itself, then via lambda-001", description);
    }

    [MotoFact]
    public void A_chain_through_another_user_s_access_key_names_both_hops()
    {
        var account = moto.Accounts["escalation-chain"];
        var run = Scan("escalation-chain");

        var helpdesk = $"arn:aws:iam::{account}:user/helpdesk";
        var finding = run.Result(Check).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("resource_id").GetString() == helpdesk + "#iam-002");
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        var description = finding.GetProperty("description").GetString()!;
        Assert.Contains("user release", description);
        Assert.Contains("able to escalate to administrator itself, then via iam-008", description);
    }

    [MotoFact]
    public void A_trust_of_another_account_is_an_outside_party_with_what_it_needs()
    {
        var role = $"arn:aws:iam::{moto.Accounts["escalation-chain"]}:role/partner-admin";

        var run = CliRunner.Run(["access", "who-can", "sts:AssumeRole", role, "--role-arn", moto.RoleArn("escalation-chain"),
            "--regions", "us-east-1", "--format", "json", "--quiet"]);

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var partner = Assert.Single(json.RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("type").GetString() == "external");
        Assert.Contains("444455556666", partner.GetProperty("principal").GetString());
        Assert.Contains(partner.GetProperty("conditions").EnumerateArray(), c => c.GetString()!.Contains("sts:ExternalId", StringComparison.Ordinal));
    }

    [MotoFact]
    public async Task A_role_of_a_second_account_that_assumes_across_is_found_as_the_outside_party()
    {
        var chain = moto.Accounts["escalation-chain"];
        var partner = moto.Accounts["escalation-partner"];
        var role = $"arn:aws:iam::{chain}:role/partner-ops";
        var ops = $"arn:aws:iam::{partner}:role/ops";

        // Over the wire: ops' credentials assume partner-ops, and the credentials they get act in the chain account.
        using var assumed = JsonDocument.Parse(await moto.RunScriptAsync("assume_across.py", ops, role));
        var caller = assumed.RootElement.GetProperty("caller");
        Assert.Equal(chain, caller.GetProperty("Account").GetString());
        Assert.Equal($"arn:aws:sts::{chain}:assumed-role/partner-ops/across", caller.GetProperty("Arn").GetString());
        Assert.Contains(assumed.RootElement.GetProperty("roles").EnumerateArray(), r => r.GetString() == "partner-ops");

        // The chain account's scan names ops as the outside party its trust admits, with no condition to meet.
        var run = CliRunner.Run(["access", "who-can", "sts:AssumeRole", role, "--role-arn", moto.RoleArn("escalation-chain"),
            "--regions", "us-east-1", "--format", "json", "--quiet"]);
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var party = Assert.Single(json.RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("type").GetString() == "external");
        Assert.Equal(ops, party.GetProperty("principal").GetString());
        Assert.Empty(party.GetProperty("conditions").EnumerateArray());
        // Nobody inside the chain account may assume it: the trust names only the other account's role.
        Assert.DoesNotContain(json.RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("principal").GetString()!.Contains($":{chain}:", StringComparison.Ordinal));
    }
}
