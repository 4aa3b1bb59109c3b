using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// aws-iam-018 on live accounts in moto (seed_escalation.py): one account per service family, where the principal
/// holding exactly a path's permissions is reported with that path's ID and the one missing a permission is not, nor
/// are the lookalikes (PassRole only to a service that runs no code, a Deny on PassRole, a boundary without it); and
/// a chain of two hops and a trust of another account.
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
        { "iam", ["iam-007", "iam-013"] },
        { "lambda", ["lambda-001", "lambda-003"] },
        { "ec2", ["ec2-001"] },
        // iam:PassRole with ecs:RunTask also overrides the role of an existing task definition (ecs-008).
        { "ecs", ["ecs-004", "ecs-004>ecs-008"] },
        { "codebuild", ["codebuild-001"] },
        { "cloudformation", ["cloudformation-001"] },
        { "sagemaker", ["sagemaker-001"] },
        { "glue", ["glue-001"] },
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
        Assert.Equal([deployer + "#lambda-001", dev + "#sts-001"], FailingResources(run));
        var finding = run.Result(Check).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("resource_id").GetString() == dev + "#sts-001");
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        var description = finding.GetProperty("description").GetString()!;
        Assert.Contains("deployer", description);
        Assert.Contains("able to escalate to administrator itself, then via lambda-001", description);
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
}
