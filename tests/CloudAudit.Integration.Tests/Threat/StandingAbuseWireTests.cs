using System.Text.Json.Nodes;
using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Threat.ThreatScenarios;

namespace CloudAudit.Integration.Tests.Threat;

/// <summary>
/// The detectors that judge what abuse leaves standing (a URL, a policy, a role, an instance, a trail, a trust anchor)
/// over the wire: the accounts of seed_threat.py in moto, through the proxy, which answers what moto lacks as AWS
/// answers it (ListFunctionUrlConfigs, GetAllowedImagesSettings, ListTrustAnchors), gives the seeded stand-ins of AWS
/// managed policies AWS's ARN, and adds the agent runtime's metadataConfiguration that moto drops. Each detector fails
/// in <c>threat</c> on the resource seeded for it and passes <c>threat-quiet</c>. The event history is empty unless a
/// test replays one (every lookup finds nothing, as in an account where nothing happened).
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class StandingAbuseWireTests : IDisposable
{
    private readonly MotoServer moto;
    private readonly FaultProxy proxy;

    public StandingAbuseWireTests(MotoServer moto)
    {
        this.moto = moto;
        proxy = new FaultProxy(moto.Endpoint).WithEmptyEventHistory()
            // The graph reads each agent runtime's resource policy, which moto lacks: none, as AWS answers it.
            .Answer(AgentCoreResourcePolicies.IsGet, AgentCoreResourcePolicies.None);
    }

    public void Dispose() => proxy.Dispose();

    private string Iam(string scenario, string resource) => $"arn:aws:iam::{moto.Account(scenario)}:{resource}";

    /// <summary>ListFunctionUrlConfigs (moto has none) of the scenario's function, with the auth type seed_threat.py gave its URL.</summary>
    private void FunctionUrl(string scenario, string function, string authType) => proxy
        .Answer(r => r is { Service: "lambda", Method: "GET" } && r.Path.EndsWith($"/functions/{function}/urls", StringComparison.Ordinal),
            Recorded.RestJson("lambda/ListFunctionUrlConfigs.json", ("url_id", "q7vjz2kx4l5mtwhd3e6rn8ypgi0bcaso"),
                ("function_arn", moto.ThreatId(scenario, "function")), ("auth_type", authType)));

    [MotoFact]
    public void Tf002_a_public_url_on_a_function_running_as_an_administrator_is_critical()
    {
        FunctionUrl("threat", "webhook-relay", "NONE");

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-002");

        var function = moto.ThreatId("threat", "function");
        var finding = AssertFails(run, "aws-tf-002", (function, "CRITICAL")).Single(function);
        Assert.Contains("Function webhook-relay has a URL (https://q7vjz2kx4l5mtwhd3e6rn8ypgi0bcaso.lambda-url.us-east-1.on.aws/) that anyone", finding.Description);
        Assert.Contains("Its execution role relay-admin is an administrator", finding.Description);
    }

    [MotoFact]
    public void Tf002_passes_a_url_that_requires_signed_requests()
    {
        FunctionUrl("threat-quiet", "status-page", "AWS_IAM");

        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-002");

        AssertPasses(run, "aws-tf-002");
        Assert.Contains(moto.ThreatId("threat-quiet", "function"), run.PassedResources("aws-tf-002"));
    }

    /// <summary>moto cannot attach AWS managed policies: the seeded customer managed stand-ins get AWS's ARN on the way back.</summary>
    private void AwsManagedStandIns(string scenario) => proxy.Rewrite(r => r is { Service: "iam", Operation: "GetAccountAuthorizationDetails" },
        body => body.Replace($"arn:aws:iam::{moto.Account(scenario)}:policy/", "arn:aws:iam::aws:policy/", StringComparison.Ordinal));

    [MotoFact]
    public void Tf003_the_quarantine_policy_on_a_user_fails_naming_its_still_active_key()
    {
        AwsManagedStandIns("threat");

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-003");

        var user = Iam("threat", "user/ci-deployer");
        var finding = AssertFails(run, "aws-tf-003", (user, "CRITICAL")).Single(user);
        Assert.StartsWith("AWS attached AWSCompromisedKeyQuarantineV2 to user ci-deployer", finding.Description);
        Assert.Contains($"Active access keys: {moto.ThreatId("threat", "active-key")}.", finding.Description);
        Assert.DoesNotContain(moto.ThreatId("threat", "inactive-key"), finding.Description);
    }

    [MotoFact]
    public void Tf003_passes_an_account_without_the_quarantine_policy()
    {
        AwsManagedStandIns("threat-quiet");

        AssertPasses(moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-003"), "aws-tf-003");
    }

    [MotoFact]
    public void Tf005_fresh_roles_that_may_start_compute_anywhere_fail_and_the_one_that_may_also_send_mail_names_its_creator()
    {
        RecordedEventHistory.Load("aws-tf-005-role-created", ("account", moto.Account("threat"))).ServeOn(proxy);

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-005");

        // moto cannot age a role: every role of the account is fresh, so each that may start compute on "*" fails.
        var findings = AssertFails(run, "aws-tf-005", (Iam("threat", "role/gpu-batch"), "CRITICAL"),
            (Iam("threat", "role/relay-admin"), "CRITICAL"), (Iam("threat", "role/platform-admin"), "CRITICAL"), (Iam("threat", "role/ci-builder"), "HIGH"));
        var gpu = findings.Single(Iam("threat", "role/gpu-batch")).Description;
        Assert.Contains("may start compute anywhere (ec2:RunInstances, ec2:RequestSpotInstances on \"*\"), and send e-mail through SES", gpu);
        Assert.Contains("It was created by user ci-deployer from 185.220.101.34", gpu);
        Assert.Contains(Iam("threat", "role/reports-reader"), run.PassedResources("aws-tf-005"));
    }

    [MotoFact]
    public void Tf005_passes_fresh_roles_scoped_to_their_work()
    {
        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-005");

        AssertPasses(run, "aws-tf-005");
        Assert.Contains(Iam("threat-quiet", "role/ci-builder"), run.PassedResources("aws-tf-005"));
    }

    [MotoFact]
    public void Tf006_an_instance_answering_imdsv1_is_high_and_an_agent_runtime_without_mmdsv2_critical()
    {
        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-006");

        var findings = AssertFails(run, "aws-tf-006", (moto.ThreatId("threat", "instance"), "HIGH"), (moto.ThreatId("threat", "runtime"), "CRITICAL"));
        Assert.Contains("answers IMDSv1 requests (HttpTokens optional). It runs with instance profile", findings.Single(moto.ThreatId("threat", "instance")).Description);
        Assert.StartsWith("Agent runtime triage_agent does not require MMDSv2", findings.Single(moto.ThreatId("threat", "runtime")).Description);
    }

    [MotoFact]
    public void Tf006_passes_an_instance_requiring_imdsv2_and_a_runtime_requiring_mmdsv2()
    {
        // moto drops metadataConfiguration: GetAgentRuntime's answer gets it as AWS keeps it.
        proxy.Rewrite(r => r is { Service: "bedrock-agentcore", Method: "GET" } && r.Path.Contains("/runtimes/", StringComparison.Ordinal)
                && !r.Path.EndsWith("/runtimes/", StringComparison.Ordinal),
            body =>
            {
                var runtime = JsonNode.Parse(body)!.AsObject();
                runtime["metadataConfiguration"] = new JsonObject { ["requireMMDSV2"] = true };
                return runtime.ToJsonString();
            });

        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-006");

        AssertPasses(run, "aws-tf-006");
        Assert.Contains(moto.ThreatId("threat-quiet", "runtime"), run.PassedResources("aws-tf-006"));
        Assert.Contains(moto.ThreatId("threat-quiet", "instance"), run.PassedResources("aws-tf-006"));
    }

    /// <summary>GetAllowedImagesSettings (moto has none) in every region: the given state, with Amazon and the account as the only providers.</summary>
    private void AllowedImages(string scenario, string state) => proxy.Answer("ec2", "GetAllowedImagesSettings",
        Recorded.Xml("ec2/GetAllowedImagesSettings.xml", ("state", state), ("account", moto.Account(scenario))));

    [MotoFact]
    public void Tf007_a_codebuild_role_that_may_launch_any_image_fails_where_allowed_amis_is_off()
    {
        AllowedImages("threat", "disabled");

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-007");

        var role = Iam("threat", "role/ci-builder");
        var finding = AssertFails(run, "aws-tf-007", (role, "MEDIUM")).Single(role);
        Assert.Contains("Role ci-builder is trusted by CodeBuild and may launch instances from a public image of any account", finding.Description);
        Assert.Contains("does not refuse such images in us-east-1, eu-west-1", finding.Description);
    }

    /// <summary>The same role where Allowed AMIs refuses strangers' images; a role limited to images of Amazon and the account where it does not.</summary>
    [MotoTheory]
    [InlineData("threat", "enabled")]
    [InlineData("threat-quiet", "disabled")]
    public void Tf007_passes_where_allowed_amis_or_the_role_refuses_strangers_images(string scenario, string allowedImages)
    {
        AllowedImages(scenario, allowedImages);

        var run = moto.ThreatFeed(proxy, scenario, "aws-tf-007");

        AssertPasses(run, "aws-tf-007");
        Assert.Contains(Iam(scenario, "role/ci-builder"), run.PassedResources("aws-tf-007"));
    }

    [MotoFact]
    public void Tf008_a_stopped_trail_is_critical_and_names_who_stopped_it()
    {
        RecordedEventHistory.Load("aws-tf-101-turned-off", ("account", moto.Account("threat")), ("detector", moto.ThreatId("threat", "detector"))).ServeOn(proxy);

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-008");

        var trail = moto.ThreatId("threat", "trail");
        var finding = AssertFails(run, "aws-tf-008", (trail, "CRITICAL")).Single(trail);
        Assert.StartsWith("Trail org-audit is not logging: nothing done in the account reaches it. It was stopped by role ops-automation", finding.Description);
        Assert.DoesNotContain("intern", finding.Description); // the refused attempt stopped nothing
    }

    [MotoFact]
    public void Tf008_a_trail_that_logs_but_cannot_deliver_is_high()
    {
        // moto never fails a delivery: GetTrailStatus's answer gets the error CloudTrail reports when its bucket refuses it.
        proxy.Rewrite(r => r is { Service: "cloudtrail", Operation: "GetTrailStatus" }, body =>
        {
            var status = JsonNode.Parse(body)!.AsObject();
            status["LatestDeliveryError"] = "AccessDenied";
            status["LatestDeliveryAttemptTime"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return status.ToJsonString();
        });

        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-008");

        var trail = moto.ThreatId("threat-quiet", "trail");
        var finding = AssertFails(run, "aws-tf-008", (trail, "HIGH")).Single(trail);
        Assert.StartsWith($"Trail org-audit logs, but its last delivery to bucket audit-logs-{moto.Account("threat-quiet")} failed (AccessDenied)", finding.Description);
    }

    [MotoFact]
    public void Tf008_passes_a_trail_that_logs()
    {
        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-008");

        AssertPasses(run, "aws-tf-008");
        Assert.Contains(moto.ThreatId("threat-quiet", "trail"), run.PassedResources("aws-tf-008"));
    }

    /// <summary>ListTrustAnchors (moto has no Roles Anywhere): the recorded first page, and its second when it names one; nothing in eu-west-1.</summary>
    private void TrustAnchors(string scenario, bool external)
    {
        const string Token = "AQICAHhlY3Jvc3NQYWdlVG9rZW4tMg==";
        var account = ("account", moto.Account(scenario));
        bool List(WireRequest r) => r is { Service: "rolesanywhere", Method: "GET", Path: "/trustanchors" };
        proxy.Answer(List, new CannedResponse(200, "application/json", """{"trustAnchors": []}"""))
            .Answer(r => List(r) && r.Region == "us-east-1",
                Recorded.RestJson("rolesanywhere/ListTrustAnchors-1.json", account, ("next_token", external ? $"\"{Token}\"" : "null")))
            .Answer(r => List(r) && r.Region == "us-east-1" && r.Query.Contains("nextToken=" + Uri.EscapeDataString(Token), StringComparison.Ordinal),
                Recorded.RestJson("rolesanywhere/ListTrustAnchors-2.json", account));
    }

    [MotoFact]
    public void Tf009_an_enabled_anchor_of_an_external_ca_on_the_second_page_fails_naming_the_roles_it_can_become()
    {
        TrustAnchors("threat", external: true);

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-009");

        var anchor = $"arn:aws:rolesanywhere:us-east-1:{moto.Account("threat")}:trust-anchor/9d1c7e3a-5b2f-4c8d-b6a4-0e3f7a9c1d25";
        var finding = AssertFails(run, "aws-tf-009", (anchor, "HIGH")).Single(anchor);
        Assert.StartsWith("Trust anchor onprem-pki (enabled) trusts certificates of an external CA (CERTIFICATE_BUNDLE)", finding.Description);
        Assert.Contains("Roles its certificates can become (they trust Roles Anywhere without pinning another anchor): edge-device.", finding.Description);
        Assert.Contains($"arn:aws:rolesanywhere:us-east-1:{moto.Account("threat")}:trust-anchor/4f2a8c1e-7b3d-4e9a-a1c5-2d6e8f0b3a71", run.PassedResources("aws-tf-009"));
    }

    [MotoFact]
    public void Tf009_passes_an_anchor_backed_by_aws_private_ca()
    {
        TrustAnchors("threat-quiet", external: false);

        var run = moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-009");

        AssertPasses(run, "aws-tf-009");
        Assert.Single(run.PassedResources("aws-tf-009"));
    }

    [MotoFact]
    public void Tf010_datazone_full_access_through_a_group_fails_for_a_non_administrator_and_not_for_an_administrator()
    {
        AwsManagedStandIns("threat");

        var run = moto.ThreatFeed(proxy, "threat", "aws-tf-010");

        var analyst = Iam("threat", "user/analyst");
        var finding = AssertFails(run, "aws-tf-010", (analyst, "HIGH")).Single(analyst);
        Assert.Contains("holds AmazonDataZoneFullAccess (through its group data-team) and is not an administrator", finding.Description);
        Assert.Contains(Iam("threat", "role/platform-admin"), run.PassedResources("aws-tf-010"));
    }

    [MotoFact]
    public void Tf010_passes_an_account_where_no_one_holds_datazone_full_access()
    {
        AwsManagedStandIns("threat-quiet");

        AssertPasses(moto.ThreatFeed(proxy, "threat-quiet", "aws-tf-010"), "aws-tf-010");
    }
}
