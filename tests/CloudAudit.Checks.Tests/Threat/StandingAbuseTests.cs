using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Iam;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;
using static CloudAudit.Checks.Tests.Threat.ThreatData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Threat;

/// <summary>
/// Detectors of abuse the account's present state shows: AWS's quarantine policy attached (aws-tf-003), a fresh role
/// able to start compute anywhere (aws-tf-005) and a trail stopped or failing (aws-tf-008).
/// </summary>
public class StandingAbuseTests
{
    private const string QuarantineV3 = "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3";
    private static readonly Caller Intruder = Caller.User("mallory", "AKIAEXAMPLEINTRUDER1");

    [Fact]
    public void A_quarantined_user_is_critical_and_its_active_keys_are_deactivated_by_id()
    {
        var account = new TestAccount("us-east-1")
            .With(Authorization().User("ci-bot", managed: [QuarantineV3]).User("dev"))
            .WithAccessKeys("ci-bot", ("AKIAEXAMPLELEAKED001", 200, true), ("AKIAEXAMPLEOLDKEY001", 400, false));

        var finding = account.Run("aws-tf-003").Single();

        Assert.Equal((Severity.Critical, Category.Threat), (finding.Severity, finding.Category));
        Assert.Equal(IamData.UserArn("ci-bot"), finding.ResourceId);
        Assert.Equal("TF-003-quarantine-policy", finding.ThreatPatternId);
        Assert.Contains("AWS attached AWSCompromisedKeyQuarantineV3 to user ci-bot", finding.Description);
        Assert.Contains("Active access keys: AKIAEXAMPLELEAKED001.", finding.Description);
        Assert.Contains("aws iam update-access-key --user-name ci-bot --access-key-id AKIAEXAMPLELEAKED001 --status Inactive", finding.Remediation!.Cli);
        Assert.DoesNotContain("AKIAEXAMPLEOLDKEY001", finding.Remediation.Cli);
        Assert.Contains($"aws iam detach-user-policy --user-name ci-bot --policy-arn {QuarantineV3}", finding.Remediation.Cli);
    }

    [Fact]
    public void A_quarantined_role_has_its_older_sessions_revoked_and_unlisted_keys_are_said()
    {
        var account = new TestAccount("us-east-1").With(Authorization()
            .Role("deploy", IamAuthorizationBuilder.Trust.Service("codebuild.amazonaws.com"), managed: ["arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"])
            .User("old-ci", managed: [QuarantineV3]));
        account.DeniedGlobal(IamCalls.ListAccessKeys, Params(("UserName", "old-ci")));

        var findings = account.Run("aws-tf-003").Findings.ToDictionary(f => f.ResourceType);

        Assert.Contains("aws iam put-role-policy --role-name deploy --policy-name AWSRevokeOlderSessions", findings["AWS::IAM::Role"].Remediation!.Cli);
        Assert.Contains("Its access keys could not be listed", findings["AWS::IAM::User"].Description);
        Assert.Contains("--access-key-id <ACCESS_KEY_ID>", findings["AWS::IAM::User"].Remediation!.Cli);
    }

    [Fact]
    public void No_quarantine_policy_passes_and_unreadable_iam_is_not_assessed()
    {
        var clean = new TestAccount("us-east-1").With(Authorization().User("dev", managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])).Run("aws-tf-003");
        Assert.Equal(CheckStatus.Pass, clean.Status);

        var denied = new TestAccount("us-east-1").DeniedGlobal(IamAuthorizationCalls.GetAccountAuthorizationDetails).Run("aws-tf-003");
        Assert.Equal(CheckStatus.NotAssessed, denied.Status);
    }

    private static string HoursAgo(double hours) => AwsTime(TestAccount.Now - TimeSpan.FromHours(hours));

    private static string AwsTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_fresh_role_that_may_run_instances_anywhere_is_high_and_critical_when_it_may_also_send_mail()
    {
        var account = new TestAccount("us-east-1")
            .With(Authorization()
                .Role("ec2-helper", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"], created: HoursAgo(5))
                .Role("mailer", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], created: HoursAgo(20)))
            .WithEvents(CloudTrailEventCalls.CreateRole, "us-east-1", Event("CreateRole", Intruder, 5, request: Request(("roleName", "ec2-helper"))));

        var findings = account.Run("aws-tf-005").Findings.ToDictionary(f => f.ResourceId[(f.ResourceId.LastIndexOf('/') + 1)..]);

        Assert.Equal(Severity.High, findings["ec2-helper"].Severity);
        Assert.Contains("Role ec2-helper was created 5 hours ago and may start compute anywhere (ec2:RunInstances, ec2:RequestSpotInstances on \"*\").",
            findings["ec2-helper"].Description);
        Assert.Contains("It was created by user mallory from 203.0.113.9", findings["ec2-helper"].Description);
        Assert.Equal(Severity.Critical, findings["mailer"].Severity);
        Assert.Contains("send e-mail through SES (ses:SendEmail, ses:SendRawEmail)", findings["mailer"].Description);
        Assert.Equal("TF-005-cryptomining-role", findings["mailer"].ThreatPatternId);
    }

    [Fact]
    public void Old_roles_and_fresh_roles_without_compute_pass()
    {
        var account = new TestAccount("us-east-1")
            .With(Authorization()
                .Role("legacy-admin", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], created: HoursAgo(72))
                .Role("reader", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), inline: [("s3", ReadOnlyS3)], created: HoursAgo(2)))
            .WithQuietHistory(CloudTrailEventCalls.CreateRole);

        var result = account.Run("aws-tf-005");

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Unreadable_iam_leaves_the_roles_not_assessed()
    {
        var result = new TestAccount("us-east-1").DeniedGlobal(IamAuthorizationCalls.GetAccountAuthorizationDetails).Run("aws-tf-005");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
    }

    /// <summary>One trail, "main", whose status reads <paramref name="status"/> (null: denied), and StopLogging events.</summary>
    private static TestAccount OneTrail(string? status, params System.Text.Json.Nodes.JsonObject[] stops)
    {
        var account = new TestAccount("us-east-1").InEveryRegion(CloudTrailCalls.DescribeTrails, TrailData.List(TrailData.Trail("main")));
        if (status is null) account.Denied(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", TrailData.Arn("main"))));
        else account.Record.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", TrailData.Arn("main"))), status);
        return account.WithEvents(CloudTrailEventCalls.StopLogging, "us-east-1", stops);
    }

    [Fact]
    public void A_stopped_trail_is_critical_and_names_who_stopped_it()
    {
        var account = OneTrail("""{"IsLogging": false}""",
            Event("StopLogging", Intruder, 3, source: "cloudtrail.amazonaws.com", request: Request(("name", "main"))),
            Event("StopLogging", Intruder, 4, source: "cloudtrail.amazonaws.com", request: Request(("name", "other-trail"))));

        var finding = account.Run("aws-tf-008").Single();

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(TrailData.Arn("main"), finding.ResourceId);
        Assert.Contains("Trail main is not logging", finding.Description);
        Assert.Contains("It was stopped by user mallory from 203.0.113.9 (user agent: aws-cli/2.15.30) at 2026-11-01 09:00 UTC.", finding.Description);
        Assert.DoesNotContain("08:00", finding.Description);
        Assert.Equal("TF-008-cloudtrail-tampering", finding.ThreatPatternId);
    }

    [Fact]
    public void A_logging_trail_that_cannot_deliver_is_high()
    {
        var finding = OneTrail("""{"IsLogging": true, "LatestDeliveryError": "NoSuchBucket"}""").Run("aws-tf-008").Single();

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("its last delivery to bucket trail-bucket failed (NoSuchBucket); no delivery has succeeded", finding.Description);
        Assert.Contains("aws s3api get-bucket-policy --bucket trail-bucket", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_delivering_trail_passes_and_an_unreadable_status_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, OneTrail("""{"IsLogging": true}""").Run("aws-tf-008").Status);
        Assert.Equal(CheckStatus.NotAssessed, OneTrail(null).Run("aws-tf-008").Status);
    }
}
