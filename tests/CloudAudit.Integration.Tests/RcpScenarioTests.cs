using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Resource control policies over the wire (seed_rcp.py): moto's Organizations serves RESOURCE_CONTROL_POLICY
/// through ListPoliciesForTarget and DescribePolicy. moto holds the organization in the scanned account, which makes
/// it the management account, where RCPs do not apply; a proxy answers DescribeOrganization with another management
/// account to scan it as a member, whose RCP platform-only (sts:AssumeRole and kms:Decrypt only for principals
/// tagged team=platform) then counts in `access admins`, `access who-can` and aws-iam-018.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class RcpScenarioTests(MotoServer moto)
{
    private string Account => moto.SeedOnce<Dictionary<string, string>>("seed_rcp.py")["rcp"];
    private string Role(string name) => $"arn:aws:iam::{Account}:role/{name}";
    private string User(string name) => $"arn:aws:iam::{Account}:user/{name}";

    private CliRun Cli(FaultProxy? member, params string[] args) =>
        CliRunner.Run([.. args, "--role-arn", $"arn:aws:iam::{Account}:role/auditor", "--regions", "us-east-1", "--format", "json",
            .. member is null ? Array.Empty<string>() : ["--endpoint-url", member.Endpoint.ToString()]]);

    /// <summary>A proxy that makes the account a member of its organization (another account manages it).</summary>
    private FaultProxy AsMember() => new FaultProxy(moto.Endpoint).Answer("organizations", "DescribeOrganization", new CannedResponse(200,
        "application/x-amz-json-1.1", """{"Organization":{"Id":"o-rcpscenario","FeatureSet":"ALL","MasterAccountId":"300000000089"}}"""));

    private static List<string> Principals(CliRun run, string member)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return [.. json.RootElement.GetProperty(member).EnumerateArray().Select(a => a.GetProperty("principal").GetString()!).Order(StringComparer.Ordinal)];
    }

    [MotoFact]
    public void Access_admins_counts_the_RCP_in_a_member_account_only()
    {
        var management = Cli(null, "access", "admins", "--quiet");
        using var proxy = AsMember();
        var member = Cli(proxy, "access", "admins", "--quiet");

        Assert.True(management.ExitCode == 1, management.Stderr);
        Assert.Equal([Role("break-glass"), Role("lambda-admin"), Role("platform-admin")], Principals(management, "admins"));
        Assert.True(member.ExitCode == 1, member.Stderr);
        Assert.Equal([Role("platform-admin")], Principals(member, "admins"));
        Assert.Contains(proxy.Requests, r => r.Operation == "ListPoliciesForTarget" && r.Body.Contains("RESOURCE_CONTROL_POLICY", StringComparison.Ordinal));
        Assert.Contains("the organization's RCPs (3 levels) allow every action on the account's resources", member.Stdout);
    }

    [MotoFact]
    public void Who_can_assume_a_role_leaves_out_whom_the_RCP_denies()
    {
        var management = Cli(null, "access", "who-can", "sts:AssumeRole", Role("break-glass"), "--quiet");
        using var proxy = AsMember();
        var member = Cli(proxy, "access", "who-can", "sts:AssumeRole", Role("break-glass"), "--quiet");

        Assert.Contains(User("ops-bob"), Principals(management, "principals"));
        Assert.Contains(Role("break-glass"), Principals(management, "principals"));
        var allowed = Principals(member, "principals");
        Assert.Contains(Role("platform-admin"), allowed);
        Assert.DoesNotContain(User("ops-bob"), allowed);
        Assert.DoesNotContain(Role("break-glass"), allowed);
    }

    [MotoFact]
    public void Can_i_names_the_RCP_statement_that_denies()
    {
        using var proxy = AsMember();
        var run = Cli(proxy, "access", "can-i", User("ops-bob"), "sts:AssumeRole", Role("break-glass"), "--quiet");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("RCP platform-only", run.Stdout);
        Assert.Contains("PlatformOnly", run.Stdout);
    }

    [MotoFact]
    public void The_RCP_closes_the_assume_role_path_in_a_member_account()
    {
        const string Check = "aws-iam-018";
        static List<string> Paths(CliRun run) =>
            [.. run.Result(Check).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource_id").GetString()!).Order(StringComparer.Ordinal)];

        var management = Cli(null, "scan", "--checks", Check);
        using var proxy = AsMember();
        var member = Cli(proxy, "scan", "--checks", Check);

        Assert.Equal([User("dev-alice") + "#lambda-001", User("ops-bob") + "#sts-001"], Paths(management));
        Assert.Equal([User("dev-alice") + "#lambda-001"], Paths(member));
    }
}
