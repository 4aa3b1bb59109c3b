using System.Text.Json.Nodes;
using CloudAudit.Access.Escalation;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>
/// Every path of the catalogue, both ways: a principal holding exactly the path's required permissions (on "*") in an
/// account where the path's preconditions hold is reported with the path's ID; the same principal missing any one of
/// them is not. The account for each path is built from its model: the role the service must trust, the user or role
/// to take over, the limit to lift.
/// </summary>
public class PathScenarioTests
{
    private const string Attacker = "attacker";
    /// <summary>What the attacker gains from lifting a limit: reading objects, which the limit denies.</summary>
    private const string Gain = "s3:GetObject";

    public static TheoryData<string> WalkedPaths =>
        new(PathModels.All.Where(m => m.Shape != PathShape.OutsideTrust).Select(m => m.Id));

    public static TheoryData<string, string> EachPermissionOfEachPath => Pairs();

    private static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in PathModels.All.Where(m => m.Shape != PathShape.OutsideTrust))
            foreach (var action in model.Steps.Select(s => s.Action).Distinct())
                data.Add(model.Id, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(WalkedPaths))]
    public void A_principal_with_exactly_the_required_permissions_is_reported(string id)
    {
        var model = PathModels.Get(id);
        var findings = Findings(model, model.Steps.Select(s => s.Action).Distinct().ToArray());
        Assert.True(findings.Any(f => f.Path.Id == id || f.AlsoOpens.Contains(id)),
            $"{id} is not reported; reported: {string.Join(", ", findings.Select(f => f.Path.Id))}");
    }

    [Theory]
    [MemberData(nameof(EachPermissionOfEachPath))]
    public void A_principal_missing_one_required_permission_is_not_reported(string id, string missing)
    {
        var model = PathModels.Get(id);
        var findings = Findings(model, [.. model.Steps.Select(s => s.Action).Distinct().Where(a => a != missing)]);
        Assert.DoesNotContain(findings, f => f.Path.Id == id || f.AlsoOpens.Contains(id));
    }

    public static TheoryData<string> PassRolePaths =>
        new(PathModels.All.Where(m => m.Steps.Any(s => s.On == On.PassedRole)).Select(m => m.Id));

    public static TheoryData<string> BoundedPaths =>
        new(PathModels.All.Where(m => m.Shape != PathShape.OutsideTrust && m.Lifts is not (Limit.Boundary or Limit.WiderBoundary)).Select(m => m.Id));

    /// <summary>Lookalikes: the permissions are there, but something the engine must see closes the path.</summary>
    public enum Closed { DenyOnKeyAction, BoundaryWithoutKeyAction, PassedToServiceThatRunsNoCode }

    [Theory]
    [MemberData(nameof(WalkedPaths))]
    public void A_deny_on_the_key_action_closes_the_path(string id) => AssertClosed(id, Closed.DenyOnKeyAction);

    [Theory]
    [MemberData(nameof(BoundedPaths))]
    public void A_boundary_that_leaves_out_the_key_action_closes_the_path(string id) => AssertClosed(id, Closed.BoundaryWithoutKeyAction);

    [Theory]
    [MemberData(nameof(PassRolePaths))]
    public void PassRole_limited_to_a_service_that_runs_no_code_closes_the_path(string id) => AssertClosed(id, Closed.PassedToServiceThatRunsNoCode);

    private static void AssertClosed(string id, Closed how)
    {
        var model = PathModels.Get(id);
        var findings = Findings(model, model.Steps.Select(s => s.Action).Distinct().ToArray(), how);
        Assert.DoesNotContain(findings, f => f.Path.Id == id || f.AlsoOpens.Contains(id));
    }

    /// <summary>The findings of the attacker in the account the path needs, the attacker allowed <paramref name="granted"/>.</summary>
    private static IReadOnlyList<EscalationFinding> Findings(PathModel path, string[] granted, Closed? closed = null)
    {
        var account = new AccessAccount();
        var iam = account.Iam;
        // A harmless action keeps the policy valid when the only permission is the one left out.
        var actions = granted.Append("s3:ListAllMyBuckets").Append(path.Shape == PathShape.LiftLimit && path.OnSelf ? Gain : null).OfType<string>().ToArray();
        var key = path.Breaker.Action;
        var passRole = closed == Closed.PassedToServiceThatRunsNoCode
            ? """,{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"rds.amazonaws.com"}}}"""
            : "";
        var allowed = new JsonArray([.. actions.Where(a => passRole.Length == 0 || a != "iam:PassRole").Select(a => (JsonNode)a)]).ToJsonString();
        var permissions = Statements($$"""{"Effect":"Allow","Action":{{allowed}},"Resource":"*"}""" + passRole);
        iam.ManagedPolicy("attacker-permissions", permissions, previous: path.Lifts == Limit.OtherVersion ? Allow("\"*\"") : null);
        var limits = Limits(path);
        if (closed == Closed.DenyOnKeyAction)
            limits = limits with { Inline = [.. limits.Inline, ("no-escalation", Statements($$"""{"Effect":"Deny","Action":"{{key}}","Resource":"*"}"""))] };
        if (closed == Closed.BoundaryWithoutKeyAction)
        {
            iam.ManagedPolicy("no-escalation", Statements("""{"Effect":"Allow","Action":"*","Resource":"*"}""", $$"""{"Effect":"Deny","Action":"{{key}}","Resource":"*"}"""));
            limits = limits with { Boundary = "no-escalation" };
        }
        var managed = new[] { "attacker-permissions" }.Concat(limits.Managed).ToArray();
        if (path.Actor == IamEntityKind.Role)
            iam.Role(Attacker, Trust.Service("ec2.amazonaws.com"), managed: managed, inline: limits.Inline, boundary: limits.Boundary);
        else
        {
            if (path.Steps.Any(s => s.On == On.OwnGroup)) iam.Group("team", inline: [("notes", Allow("\"s3:ListAllMyBuckets\""))]);
            iam.User(Attacker, groups: path.Steps.Any(s => s.On == On.OwnGroup) ? ["team"] : null, managed: managed, inline: limits.Inline,
                boundary: limits.Boundary);
        }
        Preconditions(account, path);
        return account.Model().Escalation.Findings.Where(f => f.Principal.Name == Attacker).ToList();
    }

    private sealed record AttackerLimits(string[] Managed, (string, string)[] Inline, string? Boundary);

    /// <summary>For a path that lifts a limit on the attacker itself: the limit, which denies <see cref="Gain"/>.</summary>
    private static AttackerLimits Limits(PathModel path)
    {
        if (path.Shape != PathShape.LiftLimit || !path.OnSelf) return new([], [], null);
        var deny = Statements($$"""{"Effect":"Deny","Action":"{{Gain}}","Resource":"*"}""");
        return path.Lifts switch
        {
            Limit.DenyInline => new([], [("guard", deny)], null),
            Limit.DenyManaged => new(["guard"], [], null),
            Limit.Boundary or Limit.WiderBoundary => new([], [], "boundary"),
            _ => new([], [], null),
        };
    }

    /// <summary>What the path needs besides the attacker's permissions.</summary>
    private static void Preconditions(AccessAccount account, PathModel path)
    {
        var iam = account.Iam;
        var deny = Statements($$"""{"Effect":"Deny","Action":"{{Gain}}","Resource":"*"}""");
        iam.ManagedPolicy("guard", deny);
        // The attacker's own boundary allows its permissions but not the gain; the target's allows nothing more than reading.
        iam.ManagedPolicy("boundary", Allow(new JsonArray([.. path.Steps.Select(s => (JsonNode)s.Action).DistinctBy(n => n.GetValue<string>())]).ToJsonString()));
        var harmless = new[] { ("notes", Allow("\"s3:ListAllMyBuckets\"")) };
        switch (path.Shape)
        {
            case PathShape.JoinGroup:
                iam.Group("admins", managed: [AdministratorAccess]);
                break;
            case PathShape.EditOther when path.TargetKind == IamEntityKind.User:
                iam.User("target", inline: harmless);
                break;
            case PathShape.EditOther:
                iam.ManagedPolicy("target-policy", Allow("\"s3:ListAllMyBuckets\""));
                iam.Role("target", Trust.Account(Id), managed: ["target-policy"]);
                break;
            case PathShape.Become when path.TargetKind == IamEntityKind.User:
                iam.User("target", managed: [AdministratorAccess]);
                break;
            case PathShape.Become:
                iam.Role("target", Trust.Account(Id), managed: [AdministratorAccess]);
                break;
            case PathShape.LiftLimit when !path.OnSelf:
                // A role the attacker can assume, limited by a Deny or a boundary on the gain.
                iam.Role("target", Trust.Account(Id), inline: [("read", Allow($"\"{Gain}\"")), .. path.Lifts == Limit.DenyInline ? [("guard", deny)] : Array.Empty<(string, string)>()],
                    managed: path.Lifts == Limit.DenyManaged ? ["guard"] : null, boundary: path.Lifts == Limit.Boundary ? "target-boundary" : null);
                iam.ManagedPolicy("target-boundary", Allow("\"s3:ListAllMyBuckets\""));
                break;
            case PathShape.PassToNew or PathShape.HijackExisting:
                var trust = path.FederatedTrust
                    ? Statements("""{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:0f3c5a9e-1b2d-4c6e-8f7a-9b0c1d2e3f4a"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}""")
                    : Trust.Service(path.Service!);
                iam.Role("service-admin", trust, managed: [AdministratorAccess], instanceProfile: path.NeedsInstanceProfile);
                if (path.Existing == ExistingSource.LambdaFunctions)
                    account.Record.Regional(ResourcePolicyCalls.ListFunctions, Region, $$"""
                        {"Functions": [{"FunctionName": "admin-tasks", "FunctionArn": "arn:aws:lambda:{{Region}}:{{Id}}:function:admin-tasks", "Role": "{{RoleArn("service-admin")}}"}]}
                        """);
                break;
        }
    }
}
