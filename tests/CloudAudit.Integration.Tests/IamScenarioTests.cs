using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// IAM checks against moto, and against answers as AWS gives them where moto cannot: moto reports the root user with
/// no MFA and no access keys whatever is done (GetAccountSummary's AccountMFAEnabled and AccountAccessKeysPresent are
/// fixed at 0), leaves the root user out of the credential report, cannot age an access key or a password, loads no
/// AWS managed policies (so AWSSupportAccess and AWSCloudShellFullAccess cannot be attached), and reports every server
/// certificate as expired on 2012-05-08.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class IamScenarioTests(MotoServer moto) : CatalogueTests<IamScenarioTests>(moto), IServiceCatalogue
{
    public static IReadOnlyList<Expected> Table { get; } =
    [
        // moto: AccountMFAEnabled is always 0; aws-iam-015 follows.
        new("aws-iam-001", Fail, Fail, Fail, "arn:aws:iam::{account}:root"),
        new("aws-iam-015", Fail, Fail, Fail) { FoldedInto = "aws-iam-001" },
        // moto: AccountAccessKeysPresent is always 0.
        new("aws-iam-008", Pass, Pass, Pass) { Passes = ["arn:aws:iam::{account}:root"] },
        new("aws-iam-002", Pass, Fail, NotApplicable, "arn:aws:iam::{account}:user/carol") { Passes = ["arn:aws:iam::{account}:user/alice"] },
        // moto cannot age keys: every key is created, and last used, at seeding time.
        new("aws-iam-003", Pass, Pass, NotApplicable) { Passes = ["arn:aws:iam::{account}:user/alice"] },
        new("aws-iam-004", Pass, Pass, NotApplicable) { Passes = ["arn:aws:iam::{account}:user/alice"] },
        new("aws-iam-006", Pass, Fail, Fail, "{account}") { HardenedPasses = ["{account}"] },
        new("aws-iam-009", Pass, Fail, NotApplicable, "arn:aws:iam::{account}:user/bob") { Passes = ["arn:aws:iam::{account}:user/alice"] },
        new("aws-iam-010", Pass, Fail, NotApplicable, "arn:aws:iam::{account}:user/bob") { Passes = ["arn:aws:iam::{account}:user/alice"] },
        // moto: no AWS managed policy to attach.
        new("aws-iam-011", Fail, Fail, Fail, "{account}"),
        new("aws-iam-014", Pass, Pass, Pass) { Passes = ["{account}"] },
        // moto: every certificate expired on 2012-05-08 (the exposed one really has expired).
        new("aws-iam-013", NotApplicable, Fail, NotApplicable, "arn:aws:iam::{account}:server-certificate/legacy-portal"),
        // Running instances only: the exposed account's stopped instance without a profile is out of scope.
        new("aws-iam-016", Pass, Fail, NotApplicable, "arn:aws:ec2:us-east-1:{account}:instance/{legacy-instance}") { Passes = ["arn:aws:ec2:us-east-1:{account}:instance/{app-instance}"] },
        new("aws-iam-017", Pass, Fail, NotApplicable, "arn:aws:iam::{account}:role/long-sessions") { Passes = ["arn:aws:iam::{account}:role/ops"] },
        new("aws-iam-019", Pass, Pass, NotApplicable) { Passes = ["arn:aws:iam::{account}:user/alice"] },
        // moto: the credential report has no <root_account> row, so nothing is known of the root user's use.
        new("aws-iam-020", NotAssessed, NotAssessed, NotAssessed),
    ];

    [MotoFact]
    public void Keys_and_passwords_are_named_by_their_user_and_key_state()
    {
        var run = Moto.CatalogueScan("exposed");

        // Two keys created in the same second cannot be told apart by creation time: the report's slots name them.
        Assert.Contains("bob has two active access keys: key 1 (never used) and key 2 (never used)", Assert.Single(run.FindingDescriptions("aws-iam-009")));
        Assert.Contains("managed policy read-app-data and inline policy bob-extra", Assert.Single(run.FindingDescriptions("aws-iam-010")));
        Assert.Contains("minimum length is 8 (CIS: 14); only the last 5 passwords", Assert.Single(run.FindingDescriptions("aws-iam-006")));
        Assert.Contains("no IAM password policy", Assert.Single(Moto.CatalogueScan("untouched").FindingDescriptions("aws-iam-006")));
    }

    [MotoFact]
    public void As_AWS_reports_root_MFA_support_role_and_a_valid_certificate_the_hardened_account_passes_every_IAM_check()
    {
        var account = Moto.Accounts["hardened"];
        using var proxy = new FaultProxy(Moto.Endpoint)
            .Answer("iam", "GetAccountSummary", Summary(rootMfa: true, rootAccessKeys: false))
            .Answer("iam", "GetCredentialReport", Recorded.CredentialReport("iam/credential-report-hardened.csv", account))
            .Answer(Entities("AWSSupportAccess"), Recorded.Xml("iam/ListEntitiesForPolicy.xml",
                ("roles", "<member><RoleName>support</RoleName><RoleId>AROAEXAMPLESUPPORT01</RoleId></member>"), ("users", "")))
            .Answer("iam", "ListServerCertificates", Recorded.Xml("iam/ListServerCertificates.xml", ("account", account)));

        var run = ScanIam("hardened", proxy);

        foreach (var check in Table.Select(e => e.Check))
            AssertStatus(run, check, Pass, "hardened as AWS reports it");
    }

    [MotoFact]
    public void As_AWS_reports_root_keys_a_virtual_root_MFA_and_aged_credentials_the_exposed_account_fails_them()
    {
        var account = Moto.Accounts["exposed"];
        using var proxy = new FaultProxy(Moto.Endpoint)
            .Answer("iam", "GetAccountSummary", Summary(rootMfa: true, rootAccessKeys: true))
            .Answer("iam", "GetCredentialReport", Recorded.CredentialReport("iam/credential-report-exposed.csv", account))
            .Answer(Entities("AWSCloudShellFullAccess"), Recorded.Xml("iam/ListEntitiesForPolicy.xml",
                ("roles", ""), ("users", "<member><UserName>bob</UserName><UserId>AIDAEXAMPLEBOB000001</UserId></member>")));

        var run = ScanIam("exposed", proxy);

        var root = $"arn:aws:iam::{account}:root";
        AssertStatus(run, "aws-iam-001", Pass, "exposed");
        foreach (var (check, failing) in new (string, string[])[]
                 {
                     ("aws-iam-008", [root]),
                     // The root user's device, arn:aws:iam::<account>:mfa/root-account-mfa-device, is a virtual one.
                     ("aws-iam-015", [root]),
                     ("aws-iam-020", [root]),
                     ("aws-iam-003", ["arn:aws:iam::{account}:user/bob", "arn:aws:iam::{account}:user/dave"]),
                     ("aws-iam-004", ["arn:aws:iam::{account}:user/bob", "arn:aws:iam::{account}:user/dave"]),
                     ("aws-iam-019", ["arn:aws:iam::{account}:user/carol"]),
                     ("aws-iam-014", ["arn:aws:iam::{account}:user/bob"]),
                 })
        {
            AssertStatus(run, check, Fail, "exposed as AWS reports it");
            Moto.AssertFailures(run, "exposed", check, failing);
        }
        Assert.Contains($"uses the virtual MFA device arn:aws:iam::{account}:mfa/root-account-mfa-device", Assert.Single(run.FindingDescriptions("aws-iam-015")));
        Assert.Contains("the password signed in 3 days ago", Assert.Single(run.FindingDescriptions("aws-iam-020")));
        // bob: key 1 is 200 days old and in use, key 2 is 100 days old and never used; dave's inactive key is ignored.
        Assert.Contains("active access key key 1 created 200 days ago", run.FindingDescriptions("aws-iam-003").Single(d => d.Contains("bob")));
        Assert.Contains("key 2 never used since its creation 100 days ago", run.FindingDescriptions("aws-iam-004").Single(d => d.Contains("bob")));
        Assert.Contains("last used 50 days ago", run.FindingDescriptions("aws-iam-004").Single(d => d.Contains("dave")));
        Assert.DoesNotContain("key 2", run.FindingDescriptions("aws-iam-003").Single(d => d.Contains("dave")));
    }

    private CliRun ScanIam(string scenario, FaultProxy proxy) =>
        Moto.ScanChecks(scenario, Table.Select(e => e.Check), "--endpoint-url", proxy.Endpoint.ToString());

    private static CannedResponse Summary(bool rootMfa, bool rootAccessKeys) => Recorded.Xml("iam/GetAccountSummary.xml",
        ("root_mfa", rootMfa ? "1" : "0"), ("root_access_keys", rootAccessKeys ? "1" : "0"));

    /// <summary>ListEntitiesForPolicy of one AWS managed policy (its ARN is a form field of the query request).</summary>
    private static Func<WireRequest, bool> Entities(string policy) =>
        r => r is { Service: "iam", Operation: "ListEntitiesForPolicy" } && r.Body.Contains($"policy%2F{policy}", StringComparison.Ordinal);
}
