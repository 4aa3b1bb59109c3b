using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Iam;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Threat.ThreatData;

namespace CloudAudit.Checks.Tests.Threat;

/// <summary>aws-tf-004 (secret scanners checking a key), aws-tf-102 (new keys for root or dormant users) and aws-tf-105 (root activity).</summary>
public class LeakedCredentialTests
{
    private static readonly ApiCall Gci = CloudTrailEventCalls.GetCallerIdentity;

    private static System.Text.Json.Nodes.JsonObject Whoami(Caller caller, string agent, double hoursAgo = 2, string region = "us-east-1", string? error = null) =>
        Event("GetCallerIdentity", caller, hoursAgo, region, "sts.amazonaws.com", "185.220.101.34", agent, error: error);

    [Fact]
    public void A_secret_scanner_checking_a_user_key_is_critical_with_the_key_deactivated_by_id()
    {
        var account = new TestAccount("us-east-1").WithEvents(Gci, "us-east-1",
            Whoami(Caller.User("ci", "AKIAEXAMPLELEAKED001"), "TruffleHog v3.82.6", 3), Whoami(Caller.User("ci", "AKIAEXAMPLELEAKED001"), "trufflehog", 2),
            Whoami(Caller.User("dev"), "aws-cli/2.15.30 Python/3.11.8"));

        var finding = account.Run("aws-tf-004").Single();

        Assert.Equal((Severity.Critical, Category.Threat), (finding.Severity, finding.Category));
        Assert.Equal(IamData.UserArn("ci"), finding.ResourceId);
        Assert.Equal("TF-004-trufflehog-ua-cloudtrail", finding.ThreatPatternId);
        Assert.Contains("https://github.com/trufflesecurity/trufflehog", finding.References);
        Assert.Contains("AKIAEXAMPLELEAKED001 of user ci was checked with sts:GetCallerIdentity by TruffleHog 2 times", finding.Description);
        Assert.Contains("from 185.220.101.34", finding.Description);
        Assert.Contains("AWS accepted the key", finding.Description);
        Assert.Contains("aws iam update-access-key --user-name ci --access-key-id AKIAEXAMPLELEAKED001 --status Inactive", finding.Remediation!.Cli);
        Assert.Contains("AttributeKey=AccessKeyId,AttributeValue=AKIAEXAMPLELEAKED001", finding.Remediation.Cli);
    }

    [Fact]
    public void A_role_session_key_is_contained_by_revoking_the_role_s_older_sessions()
    {
        var account = new TestAccount("us-east-1").WithEvents(Gci, "us-east-1", Whoami(Caller.Role("deploy", "ci-42"), "gitleaks/8.18"));

        var finding = account.Run("aws-tf-004").Single();

        Assert.Equal($"arn:aws:iam::{TestAccount.Id}:role/deploy", finding.ResourceId);
        Assert.Contains("aws iam put-role-policy --role-name deploy --policy-name AWSRevokeOlderSessions", finding.Remediation!.Cli);
        Assert.Contains("\"aws:TokenIssueTime\":\"2026-11-01T12:00:00Z\"", finding.Remediation.Cli);
    }

    [Fact]
    public void A_refused_key_still_leaked()
    {
        var account = new TestAccount("us-east-1").WithEvents(Gci, "us-east-1", Whoami(Caller.User("old"), "noseyparker", error: "InvalidClientTokenId"));

        Assert.Contains("AWS refused the key (InvalidClientTokenId)", account.Run("aws-tf-004").Single().Description);
    }

    [Fact]
    public void Ordinary_and_defensive_callers_pass_and_the_reason_names_the_window()
    {
        var account = new TestAccount("us-east-1").WithEvents(Gci, "us-east-1",
            Whoami(Caller.User("dev"), "aws-cli/2.15.30 Python/3.11.8"), Whoami(Caller.User("secops"), "CloudGrappler/1.0"));

        var result = account.Run("aws-tf-004");

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("no GetCallerIdentity call from a secret scanner's user agent 2026-10-31 12:00 UTC to 2026-11-01 12:00 UTC (us-east-1)", result.Reason);
    }

    [Fact]
    public void A_throttled_history_is_not_assessed_never_passed()
    {
        var result = new TestAccount("us-east-1").EventsThrottled(Gci, "us-east-1").Run("aws-tf-004");

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("throttled (ThrottlingException)", result.Reason);
    }

    [Fact]
    public void A_region_whose_window_was_not_read_in_full_is_not_assessed_but_what_was_read_is_judged()
    {
        var quiet = new TestAccount("eu-west-1").WithEvents(Gci, "us-east-1").WithEventsCut(Gci, "eu-west-1", Whoami(Caller.User("dev"), "aws-cli/2"));
        var found = new TestAccount("eu-west-1").WithEvents(Gci, "us-east-1")
            .WithEventsCut(Gci, "eu-west-1", Whoami(Caller.User("ci"), "TruffleHog", region: "eu-west-1"));

        Assert.Equal(CheckStatus.NotAssessed, quiet.Run("aws-tf-004").Status);
        var result = found.Run("aws-tf-004");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Single(result.Gaps);
        Assert.Equal(1, result.ResourcesScanned); // us-east-1 alone was read in full
    }

    [Fact]
    public void Global_events_are_read_in_us_east_1_besides_the_scanned_regions()
    {
        var result = new TestAccount("eu-west-1").WithEvents(Gci, "eu-west-1").Run("aws-tf-004");

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("us-east-1: cloudtrail:LookupEvents", result.Reason);
    }

    private static System.Text.Json.Nodes.JsonObject KeyCreated(Caller caller, string? forUser, string key, double hoursAgo = 3, string? error = null) =>
        Event("CreateAccessKey", caller, hoursAgo, request: forUser is null ? Request() : Request(("userName", forUser)),
            response: error is null ? Request(("accessKey", Request(("accessKeyId", key), ("userName", forUser ?? ""), ("status", "Active")))) : null,
            error: error);

    private static TestAccount Keys(params System.Text.Json.Nodes.JsonObject[] events) =>
        new TestAccount("us-east-1").WithEvents(CloudTrailEventCalls.CreateAccessKey, "us-east-1", events);

    [Fact]
    public void A_key_the_root_user_creates_for_itself_is_critical()
    {
        var finding = Keys(KeyCreated(Caller.Root, null, "AKIAROOTNEWKEY000001")).WithCredentialReport(IamData.Root()).Run("aws-tf-102").Single();

        Assert.Equal((Severity.Critical, IamData.RootArn), (finding.Severity, finding.ResourceId));
        Assert.Contains("aws iam delete-access-key --access-key-id AKIAROOTNEWKEY000001", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_key_for_a_user_dormant_for_months_is_high_and_one_by_someone_else_for_an_active_user_medium()
    {
        var account = Keys(KeyCreated(Caller.User("mallory"), "old-intern", "AKIANEWDORMANTKEY001"), KeyCreated(Caller.Role("admins"), "active", "AKIANEWACTIVEKEY0001"))
            .WithCredentialReport(
                IamData.User("old-intern", passwordSet: 400, passwordUsed: 200, keys: [new ReportKey(300), new ReportKey(0.12, 0.05)]),
                IamData.User("active", passwordSet: 400, passwordUsed: 2, keys: [new ReportKey(0.12)]));

        var findings = account.Run("aws-tf-102").Findings.OrderBy(f => f.Severity).ToList();

        Assert.Equal([Severity.High, Severity.Medium], findings.Select(f => f.Severity));
        Assert.Equal(IamData.UserArn("old-intern"), findings[0].ResourceId);
        Assert.Contains("the user was dormant", findings[0].Description);
        Assert.Contains("aws iam update-access-key --user-name old-intern --access-key-id AKIANEWDORMANTKEY001 --status Inactive", findings[0].Remediation!.Cli);
        Assert.Contains("by someone other than the user", findings[1].Description);
    }

    [Fact]
    public void An_active_user_rotating_its_own_key_passes()
    {
        var account = Keys(KeyCreated(Caller.User("active"), null, "AKIAROTATEDKEY000001"))
            .WithCredentialReport(IamData.User("active", passwordSet: 400, passwordUsed: 1, keys: [new ReportKey(0.1), new ReportKey(80, 0.5)]));

        Assert.Equal(CheckStatus.Pass, account.Run("aws-tf-102").Status);
    }

    [Fact]
    public void Without_the_credential_report_a_user_s_own_new_key_cannot_be_judged()
    {
        var account = Keys(KeyCreated(Caller.User("someone"), null, "AKIAUNJUDGED00000001")).DeniedGlobal(IamCalls.GetCredentialReport);

        var result = account.Run("aws-tf-102");

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("iam:GetCredentialReport access denied", result.Reason);
    }

    [Fact]
    public void A_refused_attempt_to_create_a_key_for_another_user_is_medium()
    {
        var finding = Keys(KeyCreated(Caller.User("mallory"), "admin", "", error: "AccessDenied")).WithCredentialReport(IamData.Root())
            .Run("aws-tf-102").Single();

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("was attempted", finding.Description);
    }

    private static readonly System.Text.Json.Nodes.JsonObject NoMfa = Request(("MFAUsed", "No"));

    private static System.Text.Json.Nodes.JsonObject SignIn(string outcome, System.Text.Json.Nodes.JsonObject? mfa = null, double hoursAgo = 5) =>
        Event("ConsoleLogin", Caller.Root, hoursAgo, source: "signin.amazonaws.com", response: Request(("ConsoleLogin", outcome)),
            additional: mfa ?? Request(("MFAUsed", "Yes")));

    [Fact]
    public void Root_sign_ins_key_use_and_refused_sign_ins_are_reported_by_kind()
    {
        var keyed = Event("ListBuckets", Caller.Root with { AccessKeyId = "AKIAROOTKEYINUSE0001" }, 1, source: "s3.amazonaws.com");
        var account = new TestAccount("us-east-1").WithEvents(CloudTrailEventCalls.Root, "us-east-1",
            SignIn("Success", NoMfa), SignIn("Failure", NoMfa, 7), SignIn("Failure", NoMfa, 6.9), keyed,
            Event("DescribeInstances", Caller.Root, 1, invokedBy: "ec2.amazonaws.com"));

        var findings = account.Run("aws-tf-105").Findings.ToDictionary(f => f.Discriminator!);

        Assert.Equal(["refused-sign-in", "sign-in-with-access-key", "sign-in-without-mfa"], findings.Keys.Order());
        Assert.Equal(Severity.Critical, findings["sign-in-without-mfa"].Severity);
        Assert.Equal(Severity.Critical, findings["sign-in-with-access-key"].Severity);
        Assert.Contains("aws iam delete-access-key --access-key-id AKIAROOTKEYINUSE0001", findings["sign-in-with-access-key"].Remediation!.Cli);
        Assert.Equal(Severity.High, findings["refused-sign-in"].Severity);
        Assert.Contains("2 times between", findings["refused-sign-in"].Description);
    }

    [Fact]
    public void A_root_sign_in_with_mfa_is_high_and_no_root_activity_passes()
    {
        var signedIn = new TestAccount("us-east-1").WithEvents(CloudTrailEventCalls.Root, "us-east-1", SignIn("Success"));
        var quiet = new TestAccount("us-east-1").WithQuietHistory(CloudTrailEventCalls.Root);

        Assert.Equal(Severity.High, signedIn.Run("aws-tf-105").Single().Severity);
        Assert.Equal(CheckStatus.Pass, quiet.Run("aws-tf-105").Status);
    }
}
