using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Threat.ThreatData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Threat;

/// <summary>
/// Detectors of changes made in the window: logging turned off (aws-tf-101), data made public (aws-tf-103), trust opened
/// (aws-tf-104) and SES identities created (aws-tf-001).
/// </summary>
public class ChangeDetectorTests
{
    private static readonly ApiCall[] OffCalls =
    [
        CloudTrailEventCalls.StopLogging, CloudTrailEventCalls.DeleteTrail, CloudTrailEventCalls.DeleteDetector, CloudTrailEventCalls.UpdateDetector,
        CloudTrailEventCalls.StopConfigurationRecorder, CloudTrailEventCalls.DeleteConfigurationRecorder, CloudTrailEventCalls.DeleteDeliveryChannel,
    ];

    private static readonly Caller Intruder = Caller.User("mallory", "AKIAEXAMPLEINTRUDER1");

    [Fact]
    public void A_trail_stopped_in_the_window_and_still_stopped_is_critical_and_names_who()
    {
        var account = new TestAccount("us-east-1")
            .WithTrails((TrailData.Trail("main"), "main", "us-east-1", false, TrailData.AllManagementEvents))
            .WithEvents(CloudTrailEventCalls.StopLogging, "us-east-1",
                Event("StopLogging", Intruder, 2, source: "cloudtrail.amazonaws.com", request: Request(("name", TrailData.Arn("main")))))
            .WithQuietHistory(OffCalls);

        var finding = account.Run("aws-tf-101").Single();

        Assert.Equal((Severity.Critical, TrailData.Arn("main")), (finding.Severity, finding.ResourceId));
        Assert.Contains("Trail arn:aws:cloudtrail:us-east-1:111122223333:trail/main was stopped by user mallory from 203.0.113.9", finding.Description);
        Assert.Contains("It is still off in the collected inventory.", finding.Description);
        Assert.Contains("aws cloudtrail start-logging --region us-east-1 --name main", finding.Remediation!.Cli);
        Assert.Contains("AttributeValue=AKIAEXAMPLEINTRUDER1", finding.Remediation.Cli);
    }

    [Fact]
    public void A_detector_disabled_and_enabled_again_is_high_and_settings_updates_are_not_reported()
    {
        const string detector = "4ec2a1f3b6d84c5e9a7b0c1d2e3f4a5b";
        var account = new TestAccount("us-east-1")
            .Answer(GuardDutyCalls.ListDetectors, "us-east-1", $$"""{"DetectorIds": ["{{detector}}"]}""")
            .Answer(GuardDutyCalls.GetDetector, "us-east-1", "DetectorId", detector, """{"Status": "ENABLED"}""")
            .WithEvents(CloudTrailEventCalls.UpdateDetector, "us-east-1",
                Event("UpdateDetector", Caller.Role("ops"), 5, source: "guardduty.amazonaws.com", request: Request(("detectorId", detector), ("enable", false))),
                Event("UpdateDetector", Caller.Role("ops"), 4, source: "guardduty.amazonaws.com", request: Request(("detectorId", detector), ("findingPublishingFrequency", "SIX_HOURS"))))
            .WithQuietHistory(OffCalls);

        var finding = account.Run("aws-tf-101").Single();

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("GuardDuty detector 4ec2a1f3b6d84c5e9a7b0c1d2e3f4a5b was disabled by role ops (session session)", finding.Description);
        Assert.Contains("It has been turned back on since.", finding.Description);
        Assert.Contains($"aws guardduty update-detector --region us-east-1 --detector-id {detector} --enable", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_refused_attempt_is_high_and_calls_aws_services_made_are_not_reported()
    {
        var account = new TestAccount("us-east-1")
            .WithEvents(CloudTrailEventCalls.StopConfigurationRecorder, "us-east-1",
                Event("StopConfigurationRecorder", Intruder, 2, source: "config.amazonaws.com", request: Request(("configurationRecorderName", "default")),
                    error: "AccessDenied"))
            .WithEvents(CloudTrailEventCalls.DeleteDeliveryChannel, "us-east-1",
                Event("DeleteDeliveryChannel", Caller.Service, 3, source: "config.amazonaws.com", request: Request(("deliveryChannelName", "default"))))
            .WithQuietHistory(OffCalls);

        var finding = account.Run("aws-tf-101").Single();

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("StopConfigurationRecorder was attempted by user mallory", finding.Description);
        Assert.Contains("refused (AccessDenied)", finding.Description);
    }

    [Fact]
    public void When_the_current_state_cannot_be_read_the_finding_stays_high_and_the_gap_is_said()
    {
        var account = new TestAccount("us-east-1")
            .Denied(ConfigCalls.DescribeConfigurationRecorderStatus, "us-east-1")
            .WithEvents(CloudTrailEventCalls.StopConfigurationRecorder, "us-east-1",
                Event("StopConfigurationRecorder", Intruder, 2, source: "config.amazonaws.com", request: Request(("configurationRecorderName", "default"))))
            .WithQuietHistory(OffCalls);

        var result = account.Run("aws-tf-101");

        Assert.Equal(Severity.High, result.Single().Severity);
        Assert.Contains("Whether it is still off could not be read.", result.Findings[0].Description);
        Assert.Contains("config:DescribeConfigurationRecorderStatus access denied", result.Reason);
    }

    [Fact]
    public void A_quiet_window_passes_and_one_unread_event_name_leaves_it_not_assessed()
    {
        var quiet = new TestAccount("us-east-1").WithQuietHistory(OffCalls);
        var partly = new TestAccount("us-east-1").EventsThrottled(CloudTrailEventCalls.DeleteTrail, "us-east-1").WithQuietHistory(OffCalls);

        Assert.Equal(CheckStatus.Pass, quiet.Run("aws-tf-101").Status);
        Assert.Equal(CheckStatus.NotAssessed, partly.Run("aws-tf-101").Status);
    }

    private static readonly ApiCall[] PublicCalls =
    [
        CloudTrailEventCalls.PutBucketPolicy, CloudTrailEventCalls.PutBucketAcl, CloudTrailEventCalls.PutBucketPublicAccessBlock,
        CloudTrailEventCalls.DeleteBucketPublicAccessBlock, CloudTrailEventCalls.ModifySnapshotAttribute, CloudTrailEventCalls.ModifyImageAttribute,
        CloudTrailEventCalls.ModifyDBSnapshotAttribute, CloudTrailEventCalls.ModifyDBClusterSnapshotAttribute,
    ];

    private static JsonObject Policy(string principal, string? condition = null) => JsonNode.Parse($$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::exports/*"
          {{(condition is null ? "" : $",\"Condition\":{condition}")}}}]}
        """)!.AsObject();

    [Fact]
    public void A_bucket_policy_that_lets_anyone_in_is_high_and_one_for_the_account_is_not_reported()
    {
        var account = new TestAccount("us-east-1")
            .WithEvents(CloudTrailEventCalls.PutBucketPolicy, "us-east-1",
                Event("PutBucketPolicy", Intruder, 3, source: "s3.amazonaws.com", request: Request(("bucketName", "exports"), ("bucketPolicy", Policy("\"*\"")))),
                Event("PutBucketPolicy", Intruder, 2, source: "s3.amazonaws.com",
                    request: Request(("bucketName", "internal"), ("bucketPolicy", Policy($$"""{"AWS":"arn:aws:iam::{{TestAccount.Id}}:root"}""")))))
            .WithQuietHistory(PublicCalls);

        var finding = account.Run("aws-tf-103").Single();

        Assert.Equal(("arn:aws:s3:::exports", Severity.High), (finding.ResourceId, finding.Severity));
        Assert.Contains("Bucket exports was given a policy that lets anonymous callers", finding.Description);
        Assert.Contains("aws s3api put-public-access-block --bucket exports", finding.Remediation!.Cli);
    }

    [Fact]
    public void Snapshots_images_and_rds_snapshots_shared_with_all_are_high_and_block_public_access_removed_is_medium()
    {
        JsonObject AddAll(string member) => Request((member, Request(("add", Request(("items", new JsonArray(Request(("group", "all")))))))));
        var account = new TestAccount("us-east-1")
            .WithEvents(CloudTrailEventCalls.ModifySnapshotAttribute, "us-east-1",
                Event("ModifySnapshotAttribute", Intruder, 3, source: "ec2.amazonaws.com", request: AddAll("createVolumePermission").Also(("snapshotId", "snap-1"))))
            .WithEvents(CloudTrailEventCalls.ModifyImageAttribute, "us-east-1",
                Event("ModifyImageAttribute", Intruder, 3, source: "ec2.amazonaws.com", request: AddAll("launchPermission").Also(("imageId", "ami-1"))),
                Event("ModifyImageAttribute", Intruder, 2, source: "ec2.amazonaws.com",
                    request: Request(("imageId", "ami-2"), ("launchPermission", Request(("remove", Request(("items", new JsonArray(Request(("group", "all")))))))))))
            .WithEvents(CloudTrailEventCalls.ModifyDBSnapshotAttribute, "us-east-1",
                Event("ModifyDBSnapshotAttribute", Intruder, 3, source: "rds.amazonaws.com",
                    request: Request(("dBSnapshotIdentifier", "db-snap"), ("attributeName", "restore"), ("valuesToAdd", new JsonArray("all")))))
            .WithEvents(CloudTrailEventCalls.DeleteBucketPublicAccessBlock, "us-east-1",
                Event("DeleteBucketPublicAccessBlock", Intruder, 3, source: "s3.amazonaws.com", request: Request(("bucketName", "site"))))
            .WithQuietHistory(PublicCalls);

        var findings = account.Run("aws-tf-103").Findings.ToDictionary(f => f.ResourceId);

        Assert.Equal(4, findings.Count);
        Assert.Contains("--snapshot-id snap-1 --attribute createVolumePermission --operation-type remove --group-names all",
            findings["arn:aws:ec2:us-east-1::snapshot/snap-1"].Remediation!.Cli);
        Assert.Contains("--image-id ami-1 --launch-permission 'Remove=[{Group=all}]'", findings["arn:aws:ec2:us-east-1::image/ami-1"].Remediation!.Cli);
        Assert.Contains("--db-snapshot-identifier db-snap --attribute-name restore --values-to-remove all",
            findings[$"arn:aws:rds:us-east-1:{TestAccount.Id}:snapshot:db-snap"].Remediation!.Cli);
        Assert.Equal(Severity.Medium, findings["arn:aws:s3:::site"].Severity);
    }

    [Fact]
    public void Unread_sharing_events_leave_the_detector_not_assessed()
    {
        var account = new TestAccount("us-east-1").EventsThrottled(CloudTrailEventCalls.ModifyImageAttribute, "us-east-1").WithQuietHistory(PublicCalls);

        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-tf-103").Status);
    }

    private static readonly ApiCall[] TrustCalls =
    [
        CloudTrailEventCalls.CreateRole, CloudTrailEventCalls.UpdateAssumeRolePolicy, CloudTrailEventCalls.CreateOpenIDConnectProvider, CloudTrailEventCalls.CreateSAMLProvider,
    ];

    private static JsonObject TrustSet(string role, string trust, double hoursAgo = 2) =>
        Event("UpdateAssumeRolePolicy", Intruder, hoursAgo, request: Request(("roleName", role), ("policyDocument", trust)));

    [Fact]
    public void A_trust_opened_to_anyone_is_critical_to_an_outside_account_high_and_to_a_service_not_reported()
    {
        var account = new TestAccount("us-east-1")
            .WithEvents(CloudTrailEventCalls.UpdateAssumeRolePolicy, "us-east-1",
                TrustSet("open", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""", 3),
                TrustSet("partner", Demo.IamAuthorizationBuilder.Trust.Account("444455556666")),
                TrustSet("lambda", Demo.IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com")))
            .Answer(ResourcePolicyCalls.DescribeOrganization, "global", """{"Organization": {"Id": "o-test000001", "MasterAccountId": "999988887777"}}""")
            .WithQuietHistory(TrustCalls);

        var findings = account.Run("aws-tf-104").Findings.ToDictionary(f => f.ResourceId[(f.ResourceId.LastIndexOf('/') + 1)..]);

        Assert.Equal(["open", "partner"], findings.Keys.Order());
        Assert.Equal(Severity.Critical, findings["open"].Severity);
        Assert.Equal(Severity.High, findings["partner"].Severity);
        Assert.Contains("account 444455556666", findings["partner"].Description);
        Assert.Contains("aws iam put-role-policy --role-name partner --policy-name AWSRevokeOlderSessions", findings["partner"].Remediation!.Cli);
    }

    [Fact]
    public void A_trust_open_to_every_repository_of_github_is_high_and_a_new_identity_provider_medium()
    {
        var account = new TestAccount("us-east-1")
            .WithEvents(CloudTrailEventCalls.CreateRole, "us-east-1",
                Event("CreateRole", Intruder, 2, request: Request(("roleName", "gha"),
                    ("assumeRolePolicyDocument", Demo.IamAuthorizationBuilder.Trust.GitHub(TestAccount.Id, null)))))
            .WithEvents(CloudTrailEventCalls.CreateOpenIDConnectProvider, "us-east-1",
                Event("CreateOpenIDConnectProvider", Intruder, 3, request: Request(("url", "https://token.actions.githubusercontent.com")),
                    response: Request(("openIDConnectProviderArn", $"arn:aws:iam::{TestAccount.Id}:oidc-provider/token.actions.githubusercontent.com"))))
            .WithQuietHistory(TrustCalls);

        var findings = account.Run("aws-tf-104").Findings.OrderBy(f => f.Severity).ToList();

        Assert.Equal([Severity.High, Severity.Medium], findings.Select(f => f.Severity));
        Assert.Contains($"any subject of arn:aws:iam::{TestAccount.Id}:oidc-provider/token.actions.githubusercontent.com "
            + "(no condition on token.actions.githubusercontent.com:sub", findings[0].Description);
        Assert.Contains($"aws iam delete-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::{TestAccount.Id}:oidc-provider/token.actions.githubusercontent.com",
            findings[1].Remediation!.Cli);
    }

    private static readonly ApiCall Ses = CloudTrailEventCalls.Ses;

    private static JsonObject IdentityCreated(string name, double hoursAgo) =>
        Event("CreateEmailIdentity", Intruder, hoursAgo, "eu-west-1", "ses.amazonaws.com", request: Request(("emailIdentity", name)));

    private static TestAccount Mail(bool production, string[] listed, params JsonObject[] events)
    {
        var account = new TestAccount("eu-west-1").WithEvents(Ses, "eu-west-1", events)
            .Answer(IdentityAndMailCalls.ListEmailIdentities, "eu-west-1",
                new JsonObject { ["EmailIdentities"] = new JsonArray([.. listed.Select(n => (JsonNode)Request(("IdentityName", n), ("IdentityType", "DOMAIN")))]) }.ToJsonString())
            .Answer(IdentityAndMailCalls.GetSesAccount, "eu-west-1", $$"""{"ProductionAccessEnabled": {{(production ? "true" : "false")}}, "SendingEnabled": true}""");
        return account;
    }

    [Fact]
    public void A_burst_of_identities_out_of_the_sandbox_is_high_and_one_identity_medium()
    {
        var burst = Mail(true, ["billing.example", "invoices.example"], IdentityCreated("billing.example", 60), IdentityCreated("invoices.example", 58));
        var single = Mail(true, ["billing.example"], IdentityCreated("billing.example", 60));
        var sandboxed = Mail(false, ["billing.example", "invoices.example"], IdentityCreated("billing.example", 60), IdentityCreated("invoices.example", 58));

        Assert.All(burst.Run("aws-tf-001").Findings, f => Assert.Equal(Severity.High, f.Severity));
        Assert.Equal(2, burst.Run("aws-tf-001").Findings.Count);
        Assert.Equal(Severity.Medium, single.Run("aws-tf-001").Single().Severity);
        Assert.All(sandboxed.Run("aws-tf-001").Findings, f => Assert.Equal(Severity.Medium, f.Severity));
        var finding = single.Run("aws-tf-001").Findings[0];
        Assert.Equal($"arn:aws:ses:eu-west-1:{TestAccount.Id}:identity/billing.example", finding.ResourceId);
        Assert.Contains("aws sesv2 delete-email-identity --region eu-west-1 --email-identity billing.example", finding.Remediation!.Cli);
    }

    [Fact]
    public void Identities_deleted_since_and_read_only_calls_pass()
    {
        var account = Mail(true, [], IdentityCreated("gone.example", 60), Event("GetAccount", Intruder, 61, "eu-west-1", "ses.amazonaws.com"));

        Assert.Equal(CheckStatus.Pass, account.Run("aws-tf-001").Status);
    }

    [Fact]
    public void Without_the_identity_listing_created_identities_are_reported_with_the_gap()
    {
        var account = new TestAccount("eu-west-1").WithEvents(Ses, "eu-west-1", IdentityCreated("billing.example", 60))
            .Denied(IdentityAndMailCalls.ListEmailIdentities, "eu-west-1").Denied(IdentityAndMailCalls.GetSesAccount, "eu-west-1");

        var result = account.Run("aws-tf-001");

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Whether it still exists could not be read.", result.Findings[0].Description);
        Assert.Equal(2, result.Gaps.Count);
    }

    [Fact]
    public void The_ses_history_is_read_over_fourteen_days_at_least()
    {
        var window = Window(Ses);

        Assert.Equal("2026-10-18T12:00:00Z", (string?)window["StartTime"]);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("eu-west-1").EventsThrottled(Ses, "eu-west-1").Run("aws-tf-001").Status);
    }
}

internal static class JsonObjects
{
    /// <summary>The object with more members.</summary>
    public static JsonObject Also(this JsonObject obj, params (string Name, JsonNode? Value)[] members)
    {
        foreach (var (name, value) in members) obj[name] = value;
        return obj;
    }
}
