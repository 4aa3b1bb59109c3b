using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// aws-iam-018 against moto's Organizations (seed_organization.py). moto holds the organization in the scanned
/// account, which makes it the management account, where SCPs do not apply; a proxy answers DescribeOrganization
/// with another management account to scan it as a member, whose SCPs moto then serves through ListParents,
/// ListPoliciesForTarget and DescribePolicy.
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
        Assert.EndsWith("The account's SCPs (3 levels, root to account) allow each step.", Assert.Single(run.FindingDescriptions(Check)));
        Assert.Contains(proxy.Requests, r => r.Operation == "ListParents");
    }
}
