using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// aws-iam-018 against moto's Organizations (seed_organization.py). moto holds the organization in the scanned
/// account, which makes it the management account, where SCPs do not apply; a proxy answers DescribeOrganization
/// with another management account to scan it as a member, whose SCPs moto then serves through ListParents,
/// ListPoliciesForTarget and DescribePolicy. moto has no SimulatePrincipalPolicy: scan --verify gets recorded answers.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class OrganizationScenarioTests(MotoServer moto)
{
    private const string Check = "aws-iam-018";

    private CliRun Scan(params string[] extra) =>
        CliRunner.Run(["scan", "--role-arn", moto.RoleArn("governed"), "--regions", "us-east-1", "--format", "json", "--checks", Check, .. extra]);

    private string User(string name) => $"arn:aws:iam::{moto.Accounts["governed"]}:user/{name}";

    private static List<string> FailingResources(CliRun run) =>
        [.. run.Result(Check).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource_id").GetString()!).Order(StringComparer.Ordinal)];

    [MotoFact]
    public void In_the_management_account_SCPs_do_not_apply()
    {
        var run = Scan();

        Assert.Equal([User("dev-alice") + "#lambda-001", User("ops-bob") + "#sts-001"], FailingResources(run));
        Assert.All(run.FindingDescriptions(Check), d => Assert.DoesNotContain("SCP", d));
    }

    [MotoFact]
    public void In_a_member_account_the_OU_s_SCP_closes_the_path_it_denies()
    {
        using var proxy = new FaultProxy(moto.Endpoint).Answer("organizations", "DescribeOrganization", new CannedResponse(200,
            "application/x-amz-json-1.1", """{"Organization":{"Id":"o-governed01","FeatureSet":"ALL","MasterAccountId":"300000000099"}}"""));

        var run = Scan("--endpoint-url", proxy.Endpoint.ToString());

        Assert.Equal([User("ops-bob") + "#sts-001"], FailingResources(run));
        // moto attaches RCPFullAWSAccess to every new OU and account, so the RCPs are read as enabled and allowing.
        Assert.EndsWith("The account's SCPs (3 levels, root to account) allow each step. The account's RCPs (3 levels, on the account's resources) allow each step.",
            Assert.Single(run.FindingDescriptions(Check)));
        Assert.Contains(proxy.Requests, r => r.Operation == "ListParents");
    }

    /// <summary>Proof Mode's questions answered as recorded: one action allowed, the administrator sample allowed, iam:PassRole as <paramref name="passRole"/>.</summary>
    private FaultProxy VerifyingProxy(CannedResponse passRole) => new FaultProxy(moto.Endpoint)
        .Answer(FaultProxy.IsSimulation, Recorded.Xml("iam/SimulatePrincipalPolicy-allowed.xml", ("action", "sts:AssumeRole"), ("resource", "*"), ("policy", "assume")))
        .Answer(r => FaultProxy.IsSimulation(r) && r.Body.Contains("ActionNames.member.2=", StringComparison.Ordinal),
            Recorded.Xml("iam/SimulatePrincipalPolicy-administrator.xml", ("policy", "admin")))
        .Answer(r => FaultProxy.IsSimulation(r) && r.Body.Contains("ActionNames.member.1=iam%3APassRole", StringComparison.Ordinal), passRole);

    private static Dictionary<string, JsonElement> EscalationPaths(CliRun run) =>
        run.Report.GetProperty("escalation_paths").EnumerateArray().ToDictionary(p => $"{p.GetProperty("principal_arn").GetString()}#{p.GetProperty("path_id").GetString()}");

    [MotoFact]
    public void Scan_verify_confirms_each_step_and_the_administrator_each_path_reaches()
    {
        using var proxy = VerifyingProxy(Recorded.Xml("iam/SimulatePrincipalPolicy-allowed.xml", ("action", "iam:PassRole"), ("resource", "*"), ("policy", "deploy")));

        var run = Scan("--verify", "--endpoint-url", proxy.Endpoint.ToString());

        var paths = EscalationPaths(run);
        Assert.Equal([User("dev-alice") + "#lambda-001", User("ops-bob") + "#sts-001"], paths.Keys.Order(StringComparer.Ordinal));
        Assert.All(paths.Values, p => Assert.True(p.GetProperty("verified").GetBoolean(), p.GetProperty("verification_detail").GetString()));
        Assert.Equal($"AWS allows the path's one step; arn:aws:iam::{moto.Accounts["governed"]}:role/break-glass is an administrator: AWS allows all 12 sampled actions on *",
            paths[User("ops-bob") + "#sts-001"].GetProperty("verification_detail").GetString());
        // sts:AssumeRole is asked with the role's trust policy, which SimulatePrincipalPolicy does not read on its own.
        var assume = Assert.Single(proxy.Requests.Where(FaultProxy.IsSimulation).Select(r => Uri.UnescapeDataString(r.Body) + "&"),
            form => form.Contains("ActionNames.member.1=sts:AssumeRole&", StringComparison.Ordinal) && !form.Contains("ActionNames.member.2=", StringComparison.Ordinal));
        Assert.Contains("ResourcePolicy={", assume);
        Assert.Contains($"ResourceOwner=arn:aws:iam::{moto.Accounts["governed"]}:root", assume);
    }

    [MotoFact]
    public void Scan_verify_reports_the_step_AWS_denies_and_the_layer()
    {
        using var proxy = VerifyingProxy(new CannedResponse(200, "text/xml", Recorded.Text("iam/SimulatePrincipalPolicy-allowed.xml", ("action", "iam:PassRole"), ("resource", "*"), ("policy", "deploy"))
            .Replace("<EvalDecision>allowed</EvalDecision>", "<EvalDecision>explicitDeny</EvalDecision>")
            .Replace("<AllowedByOrganizations>true</AllowedByOrganizations>", "<AllowedByOrganizations>false</AllowedByOrganizations>")));

        var run = Scan("--verify", "--endpoint-url", proxy.Endpoint.ToString());

        var lambda = EscalationPaths(run)[User("dev-alice") + "#lambda-001"];
        Assert.False(lambda.GetProperty("verified").GetBoolean());
        Assert.Contains("AWS and cloud-audit disagree: AWS denies iam:PassRole", lambda.GetProperty("verification_detail").GetString());
        Assert.Contains("explicitDeny by the organization's SCPs", lambda.GetProperty("verification_detail").GetString());
        Assert.True(EscalationPaths(run)[User("ops-bob") + "#sts-001"].GetProperty("verified").GetBoolean());
    }

    [MotoFact]
    public void Without_verify_paths_are_not_verified()
    {
        var paths = EscalationPaths(Scan());

        Assert.All(paths.Values, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("verified").ValueKind));
    }
}
