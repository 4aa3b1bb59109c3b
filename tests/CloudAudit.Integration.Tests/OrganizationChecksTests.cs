using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The organization checks over moto's Organizations, GuardDuty and Security Hub (seed_org_services.py): `scan
/// --organization` from the management account reads the organization's delegated administrators once and reports
/// aws-org-001 once, under the organization, whatever the number of members; a decoy organization with every service
/// delegated reports nothing. What moto lacks is answered as AWS would, from recorded responses: Security Hub's
/// ListOrganizationAdminAccounts, and ListDelegatedAdministrators for the principals moto does not know
/// (securityhub.amazonaws.com, config.amazonaws.com). aws-org-002 reads the management account's trails once too.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class OrganizationChecksTests(MotoServer moto) : IDisposable
{
    private const string Check = "aws-org-001";
    private const string TrailCheck = "aws-org-002";
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-organization-checks").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    public sealed record Org(string Management, string Organization, Dictionary<string, string> Accounts);

    public sealed record Seed(Org Gaps, Org Decoy);

    private Seed Orgs => moto.SeedOnce<Seed>("seed_org_services.py");

    /// <summary>A proxy answering what moto lacks for <paramref name="org"/>: the services' administrator is its security account.</summary>
    private FaultProxy Proxy(Org org)
    {
        var values = new[] { ("admin", org.Accounts["security"]), ("management", org.Management), ("organization", org.Organization) };
        var registered = Recorded.Text("organizations/ListDelegatedAdministrators.json", values);
        return new FaultProxy(moto.Endpoint)
            .Answer(r => r is { Service: "securityhub", Method: "GET" } && r.Path == "/organization/admin",
                Recorded.RestJson("securityhub/ListOrganizationAdminAccounts.json", ("admin", org.Accounts["security"])))
            .Answer(r => r.Operation == "ListDelegatedAdministrators"
                    && (r.Body.Contains("securityhub.amazonaws.com", StringComparison.Ordinal) || r.Body.Contains("\"config.amazonaws.com\"", StringComparison.Ordinal)),
                new CannedResponse(200, "application/x-amz-json-1.1", registered));
    }

    /// <summary>A command run as the management account of <paramref name="org"/> (a profile whose role is in it).</summary>
    /// <summary>A command run as <paramref name="org"/>'s management account (a profile whose role is in it).</summary>
    private CliRun AsManagement(Org org, params string[] args) => new OrganizationRuns(moto, home).AsRoleIn(org.Management, args);

    private CliRun Scan(Org org, FaultProxy proxy, params string[] extra) => AsManagement(org,
        ["scan", "--profile", "management", "--organization", "--regions", "us-east-1", "--checks", $"{Check},{TrailCheck},aws-iam-012", "--format", "json",
            "--endpoint-url", proxy.Endpoint.ToString(), .. extra]);

    private static List<JsonElement> Results(CliRun run, string check) =>
        [.. run.Report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == check)];

    [MotoFact]
    public void The_organization_is_judged_once_under_the_organization_whatever_the_number_of_members()
    {
        var org = Orgs.Gaps;
        using var proxy = Proxy(org);

        var run = Scan(org, proxy);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Report.GetProperty("accounts").GetArrayLength());
        var result = Assert.Single(Results(run, Check));
        Assert.Equal(run.Report.GetProperty("results")[0].ToString(), result.ToString());
        Assert.Equal("organization", result.GetProperty("scope").GetString());
        Assert.Equal(org.Management, result.GetProperty("account_id").GetString());
        Assert.Equal("FAIL", result.GetProperty("status").GetString());
        var finding = Assert.Single(result.GetProperty("findings").EnumerateArray());
        var organizationArn = $"arn:aws:organizations::{org.Management}:organization/{org.Organization}";
        Assert.Equal($"{organizationArn}/config.amazonaws.com", finding.GetProperty("resource_id").GetString());
        Assert.Equal("organization", finding.GetProperty("scope").GetString());
        Assert.StartsWith("Trusted access for AWS Config (config.amazonaws.com) is not enabled", finding.GetProperty("description").GetString());
        Assert.Equal(
            [$"{organizationArn}/access-analyzer.amazonaws.com", $"{organizationArn}/guardduty.amazonaws.com", $"{organizationArn}/securityhub.amazonaws.com"],
            result.GetProperty("passed_resources").EnumerateArray().Select(p => p.GetString()!));
        // Each member is judged on its own checks only: aws-iam-012 once per account, no result has the organization check twice.
        Assert.Equal(3, Results(run, "aws-iam-012").Count);
        Assert.All(Results(run, "aws-iam-012"), r => Assert.False(r.TryGetProperty("scope", out _)));
        // The organization's reads are made once, by the caller: ListDelegatedAdministrators once per service principal.
        Assert.Equal(4, proxy.Requests.Count(r => r.Operation == "ListDelegatedAdministrators"));
        Assert.Equal(1, proxy.Requests.Count(r => r.Operation == "ListAWSServiceAccessForOrganization"));
        Assert.Equal(1, proxy.Requests.Count(r => r.Service == "guardduty" && r.Path == "/admin"));

        // No organization trail: aws-org-002 fails the scanned region once, under the organization.
        var trail = Assert.Single(Results(run, TrailCheck));
        Assert.Equal("organization", trail.GetProperty("scope").GetString());
        Assert.Equal($"{organizationArn}/cloudtrail/us-east-1", Assert.Single(trail.GetProperty("findings").EnumerateArray()).GetProperty("resource_id").GetString());
        Assert.Equal(2, run.Report.GetProperty("results").EnumerateArray().TakeWhile(r => r.TryGetProperty("scope", out _)).Count());
    }

    [MotoFact]
    public void A_decoy_organization_with_every_service_delegated_reports_nothing()
    {
        var org = Orgs.Decoy;
        using var proxy = Proxy(org);

        var run = Scan(org, proxy);

        var result = Assert.Single(Results(run, Check));
        Assert.True(result.GetProperty("status").GetString() == "PASS", result.ToString());
        Assert.Empty(result.GetProperty("findings").EnumerateArray());
        Assert.Equal(4, result.GetProperty("passed_resources").GetArrayLength());
        var trail = Assert.Single(Results(run, TrailCheck));
        Assert.True(trail.GetProperty("status").GetString() == "PASS", trail.ToString());
    }

    [MotoFact]
    public void A_collected_organization_scanned_offline_and_merged_shards_give_the_same_organization_result()
    {
        var org = Orgs.Gaps;
        using var proxy = Proxy(org);
        var whole = Scan(org, proxy);
        var inventory = Path.Combine(home, "organization.json.gz");
        var collect = AsManagement(org, ["collect", "--profile", "management", "--organization", "--regions", "us-east-1", "--checks", $"{Check},aws-iam-012",
            "--endpoint-url", proxy.Endpoint.ToString(), "-o", inventory]);
        Assert.True(collect.ExitCode == 0, collect.Stderr);
        var offline = CliRunner.Run("scan", "--snapshot", inventory, "--checks", $"{Check},aws-iam-012", "--format", "json");

        Assert.Equal(Organization(whole), Organization(offline));

        var shards = new[] { 1, 2 }.Select(k =>
        {
            var path = Path.Combine(home, $"shard-{k}.json.gz");
            var run = AsManagement(org, ["collect", "--profile", "management", "--organization", "--regions", "us-east-1", "--checks", $"{Check},aws-iam-012",
                "--endpoint-url", proxy.Endpoint.ToString(), "--shard", $"{k}/2", "-o", path]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return path;
        }).ToList();
        var merged = Path.Combine(home, "merged.json.gz");
        Assert.Equal(0, CliRunner.Run(["merge", .. shards, "-o", merged]).ExitCode);
        var shardReports = shards.Select(s => CliRunner.Run("scan", "--snapshot", s, "--checks", $"{Check},aws-iam-012", "--format", "json")).ToList();
        var fromMerged = CliRunner.Run("scan", "--snapshot", merged, "--checks", $"{Check},aws-iam-012", "--format", "json");

        Assert.Equal(Organization(whole), Organization(fromMerged));
        Assert.Equal([1, 0], shardReports.Select(r => Results(r, Check).Count));
    }

    /// <summary>The organization's result as text, without what differs between two runs.</summary>
    private static string Organization(CliRun run) => Assert.Single(Results(run, Check)).ToString();
}
