using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Threat.ThreatScenarios;

namespace CloudAudit.Integration.Tests.Threat;

/// <summary>
/// The detectors of recent activity over the wire: CloudTrail's event history of each scenario
/// (Recorded/cloudtrail/events) answered as LookupEvents answers, paged, through the proxy in front of moto; what they
/// read besides (SES identities, trails, detectors, recorders, the credential report) from moto or, where moto falls
/// short, from recorded answers. Each detector fails on the abusive history, naming the resource, and passes a benign
/// one of the same kinds of calls.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class EventDetectorWireTests(MotoServer moto) : IDisposable
{
    private readonly FaultProxy proxy = new(moto.Endpoint);

    public void Dispose() => proxy.Dispose();

    private RecordedEventHistory? history;

    private CliRun Replay(string scenario, string file, string pattern, params (string Name, string Value)[] values)
    {
        history = RecordedEventHistory.Load(file, [("account", moto.Account(scenario)), .. values]);
        history.ServeOn(proxy);
        return moto.ThreatFeed(proxy, scenario, pattern);
    }

    /// <summary>SES's GetAccount (GET /v2/email/account), which moto does not have.</summary>
    private void SesAccountOutOfTheSandbox() =>
        proxy.Answer(r => r is { Service: "ses", Method: "GET", Path: "/v2/email/account" }, Recorded.RestJson("sesv2/GetAccount-production.json"));

    private string Arn(string scenario, string service, string region, string resource) =>
        $"arn:aws:{service}:{region}:{moto.Account(scenario)}:{resource}";

    [MotoFact]
    public void Tf001_identities_created_in_a_burst_out_of_the_sandbox_fail_high_and_one_deleted_since_is_left_out()
    {
        SesAccountOutOfTheSandbox();

        var run = Replay("threat", "aws-tf-001-identity-burst", "aws-tf-001");

        var findings = AssertFails(run, "aws-tf-001",
            (Arn("threat", "ses", "us-east-1", "identity/promo-billing.example.net"), "HIGH"),
            (Arn("threat", "ses", "us-east-1", "identity/billing@promo-billing.example.net"), "HIGH"));
        var domain = findings.Single(Arn("threat", "ses", "us-east-1", "identity/promo-billing.example.net")).Description;
        Assert.Contains("SES domain promo-billing.example.net was created (CreateEmailIdentity) by user ci-deployer from 185.220.101.34", domain);
        Assert.Contains("out of the sandbox", domain);
        Assert.Contains("2 identities were created in us-east-1", domain);
        // Five SES events in us-east-1 take three pages.
        Assert.Equal(2, proxy.Requests.Count(r => RecordedEventHistory.IsLaterPage(r) && r.Region == "us-east-1"));
    }

    [MotoFact]
    public void Tf101_a_stopped_trail_a_disabled_detector_and_a_refused_recorder_deletion_fail()
    {
        var run = Replay("threat", "aws-tf-101-turned-off", "aws-tf-101", ("detector", moto.ThreatId("threat", "detector")));

        var trail = moto.ThreatId("threat", "trail");
        var detector = Arn("threat", "guardduty", "eu-west-1", $"detector/{moto.ThreatId("threat", "detector")}");
        var findings = AssertFails(run, "aws-tf-101",
            (trail, "CRITICAL"), // stopped by the role, and still not logging in moto
            (trail, "HIGH"), // the intern's refused attempt
            (Arn("threat", "cloudtrail", "us-east-1", "trail/sandbox-trail"), "CRITICAL"), // stopped, and gone since
            (detector, "CRITICAL"),
            (Arn("threat", "config", "eu-west-1", "configuration-recorder/default"), "HIGH"));
        Assert.Contains(findings, f => f.Resource == trail && f.Description.StartsWith(
            $"Trail {trail} was stopped by role ops-automation (session i-0d4c3b2a19f8e7d6c) from 185.220.101.34", StringComparison.Ordinal)
            && f.Description.EndsWith("It is still off in the collected inventory.", StringComparison.Ordinal));
        Assert.Contains("was attempted by user intern", findings.Single(f => f.Resource == trail && f.Severity == "HIGH").Description);
        Assert.Contains("(AccessDenied)", findings.Single(Arn("threat", "config", "eu-west-1", "configuration-recorder/default")).Description);
        // Three StopLogging events in us-east-1: two pages.
        Assert.Contains(proxy.Requests, r => RecordedEventHistory.IsLaterPage(r) && r.Body.Contains("\"StopLogging\"", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Tf102_a_root_key_and_a_key_for_a_dormant_user_fail_and_a_refused_attempt_for_another_user_is_medium()
    {
        proxy.Answer("iam", "GetCredentialReport", Recorded.CredentialReport("iam/credential-report-threat.csv", moto.Account("threat")));

        var run = Replay("threat", "aws-tf-102-new-keys", "aws-tf-102");

        var user = $"arn:aws:iam::{moto.Account("threat")}:user/";
        var findings = AssertFails(run, "aws-tf-102",
            ($"arn:aws:iam::{moto.Account("threat")}:root", "CRITICAL"), (user + "svc-reports", "HIGH"), (user + "analyst", "MEDIUM"));
        Assert.Contains("The root user created an access key for itself (AKIAEXAMPLEROOTKEY01)", findings.Single($"arn:aws:iam::{moto.Account("threat")}:root").Description);
        Assert.Contains("An access key (AKIAEXAMPLEDORMANT01) was created for user svc-reports by user ci-deployer from 185.220.101.34",
            findings.Single(user + "svc-reports").Description);
        Assert.Contains("the user was dormant", findings.Single(user + "svc-reports").Description);
        Assert.Contains(proxy.Requests, r => RecordedEventHistory.IsLaterPage(r) && r.Body.Contains("\"CreateAccessKey\"", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Tf103_a_public_bucket_policy_and_a_snapshot_shared_with_all_fail_and_block_public_access_turned_on_does_not()
    {
        var run = Replay("threat", "aws-tf-103-made-public", "aws-tf-103");

        var bucket = $"finance-exports-{moto.Account("threat")}";
        var findings = AssertFails(run, "aws-tf-103",
            ($"arn:aws:s3:::{bucket}", "HIGH"), ("arn:aws:ec2:eu-west-1::snapshot/snap-0f3e5b2c9a1d7e4b6", "HIGH"));
        Assert.StartsWith($"Bucket {bucket} was given a policy that lets ", findings.Single($"arn:aws:s3:::{bucket}").Description);
        Assert.Contains("PutBucketPolicy by user ci-deployer from 185.220.101.34", findings.Single($"arn:aws:s3:::{bucket}").Description);
        Assert.Contains("EBS snapshot snap-0f3e5b2c9a1d7e4b6 was shared with every AWS account",
            findings.Single("arn:aws:ec2:eu-west-1::snapshot/snap-0f3e5b2c9a1d7e4b6").Description);
    }

    [MotoFact]
    public void Tf104_a_trust_opened_to_anyone_and_to_an_outside_account_and_a_new_identity_provider_fail()
    {
        var run = Replay("threat", "aws-tf-104-trust-opened", "aws-tf-104");

        var iam = $"arn:aws:iam::{moto.Account("threat")}:";
        var findings = AssertFails(run, "aws-tf-104",
            (iam + "role/deploy", "CRITICAL"), (iam + "role/vendor-bridge", "HIGH"),
            (iam + "oidc-provider/token.actions.githubusercontent.com", "MEDIUM"));
        Assert.Contains("Role deploy was given a new trust policy by user ci-deployer", findings.Single(iam + "role/deploy").Description);
        Assert.Contains("444455556666", findings.Single(iam + "role/vendor-bridge").Description);
    }

    [MotoFact]
    public void Tf105_root_key_use_and_a_sign_in_without_mfa_are_critical_a_refused_sign_in_and_console_work_high()
    {
        var run = Replay("threat", "aws-tf-105-root", "aws-tf-105");

        var root = $"arn:aws:iam::{moto.Account("threat")}:root";
        var findings = AssertFails(run, "aws-tf-105", (root, "CRITICAL"), (root, "CRITICAL"), (root, "HIGH"), (root, "HIGH"));
        Assert.Contains(findings, f => f.Description.StartsWith("The root user called APIs with an access key at ", StringComparison.Ordinal)
            && f.Description.Contains("DescribeInstances, from 185.220.101.34", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Description.StartsWith("The root user signed in to the console without MFA", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Description.StartsWith("Sign-ins as the root user were refused", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Description.StartsWith("The root user worked in the account at ", StringComparison.Ordinal)
            && f.Description.Contains("GetAccountSummary", StringComparison.Ordinal));
        // Three root events in us-east-1 (two sign-ins and a call), found by user name, take two pages.
        Assert.Contains(proxy.Requests, r => RecordedEventHistory.IsLaterPage(r) && r.Region == "us-east-1" && r.Body.Contains("\"Username\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// The benign counterpart of each detector's history, in threat-quiet: SES read and an identity created before the
    /// window (aws-tf-001); GetCallerIdentity from the CLI, Terraform, a defensive tool and a GitHub Actions session
    /// (004); a detector turned on and logging started (101); an active user rotating their own key (102);
    /// sharing with a named partner account (103); a service trust, the account's own trust with MFA and a GitHub role
    /// pinned to one branch (104); what an AWS service did on the root user's behalf (105). Each is read in full and passes.
    /// </summary>
    [MotoTheory]
    [InlineData("aws-tf-001", "aws-tf-001-quiet")]
    [InlineData("aws-tf-004", "aws-tf-004-quiet")]
    [InlineData("aws-tf-101", "aws-tf-101-quiet")]
    [InlineData("aws-tf-102", "aws-tf-102-quiet")]
    [InlineData("aws-tf-103", "aws-tf-103-quiet")]
    [InlineData("aws-tf-104", "aws-tf-104-quiet")]
    [InlineData("aws-tf-105", "aws-tf-105-quiet")]
    public void A_benign_history_passes(string check, string file)
    {
        var run = ReplayQuiet(check, file);

        AssertPasses(run, check);
        Assert.True(history!.EventsServed > 0, "the benign events were never read: the PASS would prove nothing");
    }

    /// <summary>A benign history in threat-quiet, with what its detectors read besides; lookups <paramref name="throttled"/> accepts are throttled.</summary>
    private CliRun ReplayQuiet(string check, string file, Func<WireRequest, bool>? throttled = null)
    {
        SesAccountOutOfTheSandbox();
        proxy.Answer("iam", "GetCredentialReport", Recorded.CredentialReport("iam/credential-report-threat-quiet.csv", moto.Account("threat-quiet")));
        history = RecordedEventHistory.Load(file, ("account", moto.Account("threat-quiet")), ("detector", moto.ThreatId("threat-quiet", "detector")));
        history.ServeOn(proxy);
        if (throttled is not null) proxy.Answer(throttled, FaultProxy.JsonError("ThrottlingException", "Rate exceeded"));
        return moto.ThreatFeed(proxy, "threat-quiet", check);
    }

    /// <summary>
    /// The benign history again, with one of the detector's reads throttled past the transport's retries in us-east-1
    /// (the others read in full): NOT ASSESSED, never PASS.
    /// </summary>
    [MotoTheory]
    [InlineData("aws-tf-001", "aws-tf-001-quiet", "ses.amazonaws.com")]
    [InlineData("aws-tf-101", "aws-tf-101-quiet", "DeleteTrail")]
    [InlineData("aws-tf-102", "aws-tf-102-quiet", "CreateAccessKey")]
    [InlineData("aws-tf-103", "aws-tf-103-quiet", "ModifyImageAttribute")]
    [InlineData("aws-tf-104", "aws-tf-104-quiet", "CreateSAMLProvider")]
    [InlineData("aws-tf-105", "aws-tf-105-quiet", "root")]
    public void One_throttled_read_makes_the_detector_not_assessed(string check, string file, string throttled)
    {
        // Standard retries: the adaptive mode's rate limiter would slow every later CloudTrail request in real time,
        // which says nothing more about the verdict (the tests of one assembly run one at a time).
        Environment.SetEnvironmentVariable("AWS_RETRY_MODE", "standard");
        CliRun run;
        try
        {
            run = ReplayQuiet(check, file, r => FaultProxy.IsEventLookup(r) && r.Region == "us-east-1"
                && r.Body.Contains($"\"{throttled}\"", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_RETRY_MODE", null);
        }

        Assert.True(run.Status(check) == "NOT_ASSESSED", $"{check}: {run.Result(check)}");
        Assert.Contains(run.Result(check).GetProperty("gaps").EnumerateArray(),
            g => g.GetProperty("cause").GetString() == "throttled" && g.GetProperty("region").GetString() == "us-east-1");
    }
}
