using System.Text.Json.Nodes;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Access.Verification;
using CloudAudit.Demo;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>
/// Proof Mode: the questions asked of AWS's evaluator (SimulatePrincipalPolicy) and how its answers are read.
/// AWS's answers here are recorded EvaluationResults in the shape the transport reads them (moto has no simulator).
/// </summary>
public class ProofTests
{
    private const string Bucket = "arn:aws:s3:::reports-111122223333";

    /// <summary>Answers every action of every question with the decision <paramref name="decide"/> gives, and keeps the questions.</summary>
    private sealed class RecordedAws(Func<SimulationQuestion, string, string> decide) : IPolicySimulator
    {
        public List<SimulationQuestion> Questions { get; } = [];

        public Task<SimulationAnswer> SimulateAsync(SimulationQuestion question, CancellationToken cancellation)
        {
            lock (Questions) Questions.Add(question);
            return Task.FromResult(new SimulationAnswer(
                [.. question.Actions.Select(a => SimulatedDecision.Parse((JsonObject)JsonNode.Parse(decide(question, a).Replace("ACTION", a).Replace("RESOURCE", question.Resource))!))], null));
        }
    }

    private const string Allowed = """
        {"EvalActionName":"ACTION","EvalResourceName":"RESOURCE","EvalDecision":"allowed",
         "MatchedStatements":[{"SourcePolicyId":"read","SourcePolicyType":"IAM Policy","StartPosition":{"Line":1,"Column":41},"EndPosition":{"Line":1,"Column":120}}],
         "MissingContextValues":[],"OrganizationsDecisionDetail":{"AllowedByOrganizations":true},"EvalDecisionDetails":{}}
        """;
    private const string BoundaryDenies = """
        {"EvalActionName":"ACTION","EvalResourceName":"RESOURCE","EvalDecision":"implicitDeny","MatchedStatements":[],"MissingContextValues":[],
         "PermissionsBoundaryDecisionDetail":{"AllowedByPermissionsBoundary":false},"EvalDecisionDetails":{}}
        """;
    private const string ScpDenies = """
        {"EvalActionName":"ACTION","EvalResourceName":"RESOURCE","EvalDecision":"explicitDeny","MatchedStatements":[],"MissingContextValues":[],
         "OrganizationsDecisionDetail":{"AllowedByOrganizations":false},"EvalDecisionDetails":{}}
        """;

    private static AccessAccount Account()
    {
        var account = new AccessAccount().Buckets(("reports-111122223333", Statements(
            """{"Sid":"Auditor","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-111122223333/*"}""")));
        account.Iam
            .User("analyst", inline: [("read", Allow("\"s3:GetObject\"", $"\"{Bucket}/*\""))], tags: [("team", "data")])
            .User("deployer", inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]"""))])
            .Role("auditor", Trust.Account(Id))
            .Role("ops", Trust.Principal(UserArn("analyst")))
            .Role("fn-admin", Trust.Service("lambda.amazonaws.com"), managed: [AdministratorAccess])
            .Role("admin", Trust.Account(Id), managed: [AdministratorAccess])
            .Group("admins", managed: [AdministratorAccess]);
        return account;
    }

    [Fact]
    public void An_evaluation_result_names_the_layer_that_denied()
    {
        var boundary = SimulatedDecision.Parse((JsonObject)JsonNode.Parse(BoundaryDenies)!);
        var scp = SimulatedDecision.Parse((JsonObject)JsonNode.Parse(ScpDenies)!);
        var allowed = SimulatedDecision.Parse((JsonObject)JsonNode.Parse(Allowed)!);

        Assert.Equal("the permissions boundary", boundary.DeniedBy);
        Assert.Equal("the organization's SCPs", scp.DeniedBy);
        Assert.True(allowed.IsAllowed);
        Assert.Null(allowed.DeniedBy);
        Assert.Equal(["read"], allowed.MatchedPolicies);
    }

    [Fact]
    public async Task Can_i_is_verified_when_AWS_decides_the_same_with_the_same_context()
    {
        var model = Account().Model();
        var aws = new RecordedAws((_, _) => Allowed);
        var decision = model.CanDo(model.Find(UserArn("analyst"))!, "s3:GetObject", Bucket + "/q1.csv",
            new Dictionary<string, string> { ["aws:SourceIp"] = "203.0.113.9" });

        var proof = await Proof.VerifyAsync(model, decision, new Dictionary<string, string> { ["aws:SourceIp"] = "203.0.113.9" }, aws);

        Assert.True(proof.Verified, proof.Detail);
        var question = Assert.Single(aws.Questions);
        Assert.Equal(UserArn("analyst"), question.PolicySource);
        Assert.Equal(["s3:GetObject"], question.Actions);
        Assert.Equal(Bucket + "/q1.csv", question.Resource);
        Assert.Null(question.ResourcePolicy);
        Assert.Contains(new SimulationContextEntry("aws:SourceIp", ["203.0.113.9"], "ip"), question.Context, EntryComparer.Instance);
        Assert.Contains(new SimulationContextEntry("aws:SecureTransport", ["true"], "boolean"), question.Context, EntryComparer.Instance);
        Assert.Contains(new SimulationContextEntry("aws:PrincipalTag/team", ["data"], "string"), question.Context, EntryComparer.Instance);
        Assert.Contains(question.Context, e => e.Key == "aws:CurrentTime" && e.Type == "date");
        Assert.Contains("asked without", proof.Detail);
    }

    [Fact]
    public async Task Can_i_that_AWS_decides_otherwise_is_a_disagreement_naming_the_layer()
    {
        var model = Account().Model();
        var decision = model.CanDo(model.Find(UserArn("analyst"))!, "s3:GetObject", Bucket + "/q1.csv");

        var proof = await Proof.VerifyAsync(model, decision, null, new RecordedAws((_, _) => BoundaryDenies));

        AssertDisagreement(proof, "the permissions boundary", "AWS and cloud-audit disagree: AWS says implicitDeny by the permissions boundary, cloud-audit's engine says allowed");
    }

    [Fact]
    public async Task A_grant_of_the_bucket_policy_alone_is_compared_on_the_identity_side()
    {
        var model = Account().Model();
        var decision = model.CanDo(model.Find(RoleArn("auditor"))!, "s3:GetObject", Bucket + "/q1.csv");
        Assert.True(decision.IsAllowed);

        var proof = await Proof.VerifyAsync(model, decision, null, new RecordedAws((_, _) =>
            """{"EvalActionName":"ACTION","EvalResourceName":"RESOURCE","EvalDecision":"implicitDeny","MatchedStatements":[],"MissingContextValues":[]}"""));

        Assert.True(proof.Verified, proof.Detail);
        Assert.Contains("asked without " + Bucket, proof.Detail);
    }

    [Fact]
    public async Task Assume_role_sends_the_trust_policy_as_the_resource_policy()
    {
        var model = Account().Model();
        var aws = new RecordedAws((_, _) => Allowed);
        var decision = model.CanDo(model.Find(UserArn("analyst"))!, "sts:AssumeRole", RoleArn("ops"));
        Assert.True(decision.IsAllowed);

        var proof = await Proof.VerifyAsync(model, decision, null, aws);

        Assert.True(proof.Verified, proof.Detail);
        var question = Assert.Single(aws.Questions);
        Assert.Contains(UserArn("analyst"), question.ResourcePolicy);
        Assert.Equal($"arn:aws:iam::{Id}:root", question.ResourceOwner);
        Assert.DoesNotContain("asked without", proof.Detail);
    }

    [Fact]
    public async Task An_administrator_is_verified_on_the_sample_outside_what_the_SCPs_deny_everyone()
    {
        var model = Account().Governed([Scp.FullAwsAccess, DenyScp("no-stop-logging", "cloudtrail:StopLogging")], [Scp.FullAwsAccess], [Scp.FullAwsAccess]).Model();
        var admin = Assert.Single(model.Administrators(), a => a.Principal == RoleArn("admin"));
        var aws = new RecordedAws((_, _) => Allowed);

        var proof = await Proof.VerifyAsync(model, admin, aws);

        Assert.True(proof.Verified, proof.Detail);
        var question = Assert.Single(aws.Questions);
        Assert.Equal("*", question.Resource);
        Assert.DoesNotContain("cloudtrail:StopLogging", question.Actions);
        Assert.Contains("iam:CreateUser", question.Actions);
        Assert.Equal(question.Actions.Count, proof.Aws.Count);
    }

    [Fact]
    public async Task A_group_is_asked_about_by_its_own_ARN()
    {
        var model = Account().Model();
        var group = Assert.Single(model.Administrators(), a => a.Principal == GroupArn("admins"));
        var aws = new RecordedAws((_, _) => Allowed);

        Assert.True((await Proof.VerifyAsync(model, group, aws)).Verified);
        Assert.Equal(GroupArn("admins"), Assert.Single(aws.Questions).PolicySource);
    }

    [Fact]
    public async Task An_administrator_AWS_refuses_one_action_is_a_disagreement()
    {
        var model = Account().Model();
        var admin = Assert.Single(model.Administrators(), a => a.Principal == RoleArn("admin"));

        var proof = await Proof.VerifyAsync(model, admin, new RecordedAws((_, action) => action == "kms:Decrypt" ? ScpDenies : Allowed));

        AssertDisagreement(proof, "the organization's SCPs", "AWS denies kms:Decrypt on *");
    }

    [Fact]
    public async Task A_refused_simulation_leaves_the_claim_unverified_with_the_cause()
    {
        var model = Account().Model();
        var admin = Assert.Single(model.Administrators(), a => a.Principal == RoleArn("admin"));
        var refused = new RefusedAws();

        var proof = await Proof.VerifyAsync(model, admin, refused);

        Assert.Null(proof.Verified);
        Assert.Contains("AccessDenied", proof.Detail);
    }

    private sealed class RefusedAws : IPolicySimulator
    {
        public Task<SimulationAnswer> SimulateAsync(SimulationQuestion question, CancellationToken cancellation) =>
            Task.FromResult(SimulationAnswer.Failed("iam:SimulatePrincipalPolicy failed: AccessDenied: not authorized to perform iam:SimulatePrincipalPolicy"));
    }

    [Fact]
    public async Task An_escalation_path_is_verified_step_by_step_with_the_keys_the_engine_asked()
    {
        var model = Account().Model();
        var finding = Assert.Single(model.Escalation.Findings, f => f.Principal.Arn == UserArn("deployer") && f.Path.Id == "lambda-001");
        var aws = new RecordedAws((_, _) => Allowed);

        var proof = await Proof.VerifyAsync(model, finding, aws);

        Assert.True(proof.Verified, proof.Detail);
        Assert.Equal(finding.Evidence.Select(e => e.Action), aws.Questions.Select(q => Assert.Single(q.Actions)));
        var passRole = Assert.Single(aws.Questions, q => q.Actions[0] == "iam:PassRole");
        Assert.Equal(RoleArn("fn-admin"), passRole.Resource);
        Assert.Contains(new SimulationContextEntry("iam:PassedToService", ["lambda.amazonaws.com"], "string"), passRole.Context, EntryComparer.Instance);
    }

    [Fact]
    public async Task An_escalation_step_AWS_refuses_is_a_disagreement_naming_the_step_and_layer()
    {
        var model = Account().Model();
        var finding = Assert.Single(model.Escalation.Findings, f => f.Principal.Arn == UserArn("deployer") && f.Path.Id == "lambda-001");

        var proof = await Proof.VerifyAsync(model, finding, new RecordedAws((_, action) => action == "iam:PassRole" ? ScpDenies : Allowed));

        AssertDisagreement(proof, "the organization's SCPs", $"AWS denies iam:PassRole on {RoleArn("fn-admin")}");
    }

    private static void AssertDisagreement(ProofResult proof, string layer, string detail)
    {
        Assert.False(proof.Verified);
        Assert.True(proof.IsDisagreement);
        Assert.Equal(layer, proof.DeniedBy);
        Assert.Contains(detail, proof.Detail);
    }

    private sealed class EntryComparer : IEqualityComparer<SimulationContextEntry>
    {
        public static readonly EntryComparer Instance = new();
        public bool Equals(SimulationContextEntry? x, SimulationContextEntry? y) =>
            x is not null && y is not null && x.Key == y.Key && x.Type == y.Type && x.Values.SequenceEqual(y.Values);
        public int GetHashCode(SimulationContextEntry obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
