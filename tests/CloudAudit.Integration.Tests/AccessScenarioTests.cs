using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// <c>cloud-audit access</c> on a live account in moto (seed_access.py): administrators by every route and principals
/// that only look like one, a bucket policy that admits a partner and denies deletes. moto loads no AWS managed
/// policy, so the AWS managed route (AdministratorAccess) is tested on a saved inventory in the CLI's tests.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AccessScenarioTests(MotoServer moto)
{
    private string Account => moto.Accounts["access"];
    private string Arn(string kind, string name) => $"arn:aws:iam::{Account}:{kind}/{name}";

    private CliRun Access(params string[] args) =>
        CliRunner.Run(["access", .. args, "--role-arn", moto.RoleArn("access"), "--regions", "us-east-1", "--format", "json", "--quiet"]);

    [MotoFact]
    public void Admins_lists_exactly_the_administrators_by_every_route()
    {
        var run = moto.Once("access admins", () => Access("admins"));

        Assert.True(run.ExitCode == 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(Account, json.RootElement.GetProperty("account_id").GetString());
        var admins = json.RootElement.GetProperty("admins").EnumerateArray().Select(a => a.GetProperty("principal").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal([Arn("group", "platform"), Arn("role", "split-admin"), Arn("user", "group-admin"), Arn("user", "inline-admin"), Arn("user", "managed-admin")], admins);
        Assert.Equal(0, json.RootElement.GetProperty("conditional_admins").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("not_assessed").GetArrayLength());
    }

    [MotoFact]
    public void Who_can_read_the_bucket_names_the_reader_the_administrators_and_the_partner_account()
    {
        var run = Access("who-can", "s3:GetObject", $"arn:aws:s3:::reports-{Account}/q1.csv");

        Assert.True(run.ExitCode == 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var parties = json.RootElement.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("principal").GetString()!).ToList();
        foreach (var allowed in new[] { Arn("user", "analyst"), Arn("user", "managed-admin"), Arn("role", "notaction-denied") })
            Assert.Contains(allowed, parties);
        foreach (var refused in new[] { Arn("role", "denied-admin"), Arn("role", "nothing-bounded"), Arn("role", "ec2-bounded") })
            Assert.DoesNotContain(refused, parties);
        Assert.Contains(parties, p => p.Contains("444455556666", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Can_i_decides_from_the_live_policies()
    {
        var read = Access("can-i", Arn("user", "analyst"), "s3:GetObject", $"arn:aws:s3:::reports-{Account}/q1.csv");
        Assert.True(read.ExitCode == 0, read.Stdout + read.Stderr);

        var delete = Access("can-i", Arn("user", "managed-admin"), "s3:DeleteObject", $"arn:aws:s3:::reports-{Account}/q1.csv");
        Assert.Equal(1, delete.ExitCode);
        using var json = JsonDocument.Parse(delete.Stdout);
        Assert.Equal("explicit deny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("NoDeletes", json.RootElement.GetProperty("statements")[0].GetProperty("sid").GetString());

        var bounded = Access("can-i", Arn("role", "ec2-bounded"), "iam:CreateUser");
        Assert.Equal(1, bounded.ExitCode);
        Assert.Contains("permissions boundary", JsonDocument.Parse(bounded.Stdout).RootElement.GetProperty("reason").GetString());
    }

    [MotoFact]
    public void Can_i_verify_asks_AWS_s_evaluator_the_same_request_and_reports_its_agreement()
    {
        var analyst = Arn("user", "analyst");
        var objectArn = $"arn:aws:s3:::reports-{Account}/q1.csv";
        using var proxy = new FaultProxy(moto.Endpoint).Answer(r => FaultProxy.Simulates(r, analyst), Recorded.Xml("iam/SimulatePrincipalPolicy-allowed.xml",
            ("action", "s3:GetObject"), ("resource", objectArn), ("policy", "read")));

        var run = Access("can-i", analyst, "s3:GetObject", objectArn, "--context", "aws:SourceIp=203.0.113.9", "--verify", "--endpoint-url", proxy.Endpoint.ToString());

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.StartsWith("AWS's evaluator agrees: allowed", json.RootElement.GetProperty("verification").GetString());
        var asked = FaultProxy.Form(Assert.Single(proxy.Requests, FaultProxy.IsSimulation));
        Assert.Contains("ActionNames.member.1=s3:GetObject&", asked);
        Assert.Contains($"ResourceArns.member.1={objectArn}&", asked);
        var entry = System.Text.RegularExpressions.Regex.Match(asked, @"ContextEntries\.member\.(\d+)\.ContextKeyName=aws:SourceIp&");
        Assert.True(entry.Success, asked);
        Assert.Contains($"ContextEntries.member.{entry.Groups[1].Value}.ContextKeyType=ip&", asked);
        Assert.Contains($"ContextEntries.member.{entry.Groups[1].Value}.ContextKeyValues.member.1=203.0.113.9&", asked);
        Assert.Contains("ContextKeyName=aws:SecureTransport&", asked);
    }

    [MotoFact]
    public void Can_i_verify_reports_a_disagreement_with_the_layer_AWS_says_denied()
    {
        var admin = Arn("user", "managed-admin");
        using var proxy = new FaultProxy(moto.Endpoint).Answer(r => FaultProxy.Simulates(r, admin), Recorded.Xml("iam/SimulatePrincipalPolicy-boundary-denies.xml",
            ("action", "iam:CreateUser"), ("resource", "*")));

        var run = Access("can-i", admin, "iam:CreateUser", "--verify", "--endpoint-url", proxy.Endpoint.ToString());

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal("the permissions boundary", json.RootElement.GetProperty("denied_by").GetString());
        Assert.StartsWith("AWS and cloud-audit disagree: AWS says implicitDeny by the permissions boundary, cloud-audit's engine says allowed",
            json.RootElement.GetProperty("verification").GetString());
    }

    [MotoFact]
    public void Admins_verify_confirms_each_administrator_on_a_sample_of_actions()
    {
        using var proxy = new FaultProxy(moto.Endpoint).Answer(FaultProxy.IsSimulation,
            Recorded.Xml("iam/SimulatePrincipalPolicy-administrator.xml", ("policy", "everything")));

        var run = Access("admins", "--verify", "--endpoint-url", proxy.Endpoint.ToString());

        Assert.True(run.ExitCode == 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var admins = json.RootElement.GetProperty("admins").EnumerateArray().ToList();
        Assert.Equal(5, admins.Count);
        Assert.All(admins, a => Assert.True(a.GetProperty("verified").GetBoolean(), a.GetProperty("verification").GetString()));
        var sources = proxy.Requests.Where(FaultProxy.IsSimulation).Select(FaultProxy.PolicySource).Order(StringComparer.Ordinal);
        Assert.Equal(admins.Select(a => a.GetProperty("principal").GetString()).Order(StringComparer.Ordinal), sources);
    }

    /// <summary>
    /// moto answers every SimulatePrincipalPolicy with a 500, as IAM could in an incident: who-can --verify gives up on
    /// the evaluator after five failed calls instead of retrying each principal's, and leaves every answer unverified
    /// with the cause.
    /// </summary>
    [MotoFact]
    public void Who_can_verify_against_an_evaluator_that_answers_500_leaves_every_answer_unverified_with_the_cause()
    {
        var objectArn = $"arn:aws:s3:::reports-{Account}/q1.csv";
        using var proxy = new FaultProxy(moto.Endpoint);

        var run = Access("who-can", "s3:GetObject", objectArn, "--verify", "--endpoint-url", proxy.Endpoint.ToString());

        using var json = JsonDocument.Parse(run.Stdout);
        var asked = json.RootElement.GetProperty("principals").EnumerateArray()
            .Where(p => !p.GetProperty("verification").GetString()!.StartsWith("an outside party", StringComparison.Ordinal)).ToList();
        Assert.True(asked.Count > 5, run.Stdout);
        Assert.All(asked, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("verified").ValueKind));
        Assert.All(asked, p => Assert.StartsWith("not verified: iam:SimulatePrincipalPolicy failed: ", p.GetProperty("verification").GetString()));
        Assert.Contains(asked, p => p.GetProperty("verification").GetString()!.EndsWith(
            "ServiceFailing: iam in us-east-1 answered HTTP 500 to 5 calls in a row; not called again in this scan", StringComparison.Ordinal));
        // At most the calls in flight when it gave up (four at a time) were retried, each at most ten times.
        Assert.InRange(proxy.Requests.Count(FaultProxy.IsSimulation), 5, 8 * 10);
    }

    [MotoFact]
    public void A_refused_simulation_leaves_the_answer_unverified_with_the_cause_and_the_exit_code_unchanged()
    {
        var analyst = Arn("user", "analyst");
        using var proxy = new FaultProxy(moto.Endpoint).RefusingSimulations(Account);

        var run = Access("can-i", analyst, "s3:GetObject", $"arn:aws:s3:::reports-{Account}/q1.csv", "--verify", "--endpoint-url", proxy.Endpoint.ToString());

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("verified").ValueKind);
        Assert.Contains("not verified: iam:SimulatePrincipalPolicy failed: AccessDenied", json.RootElement.GetProperty("verification").GetString());
    }
}
