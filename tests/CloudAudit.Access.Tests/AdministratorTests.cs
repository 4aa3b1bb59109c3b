using CloudAudit.Access.Administrators;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Demo;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>Who is effectively an administrator: identity, boundary and SCPs together, by evaluation.</summary>
public class AdministratorTests
{
    private static readonly string Everything = Allow("\"*\"");
    private static readonly string DenyAll = Statements("""{"Effect":"Deny","Action":"*","Resource":"*"}""");

    private static AdminJudgement Judge(AccessAccount account, string arn)
    {
        var model = account.Model();
        return model.IsAdministrator(model.Find(arn)!);
    }

    /// <summary>Administrators by every route, and principals that only look like one.</summary>
    private static AccessAccount Mixed()
    {
        var account = new AccessAccount();
        account.Iam
            .ManagedPolicy("everything", Everything)
            .ManagedPolicy("iam-only", Allow("\"iam:*\""))
            .ManagedPolicy("all-but-iam", Statements("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"""))
            .ManagedPolicy("deny-all", DenyAll)
            .ManagedPolicy("deny-all-but-reads", Statements("""{"Effect":"Deny","NotAction":["s3:Get*","s3:List*"],"Resource":"*"}"""))
            .ManagedPolicy("boundary-nothing", Statements("""{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::none"}"""))
            .ManagedPolicy("boundary-ec2", Allow("\"ec2:*\""))
            .Group("admins", managed: [AdministratorAccess])
            .User("aws-managed", managed: [AdministratorAccess])
            .User("customer-managed", managed: ["everything"])
            .User("inline", inline: [("all", Everything)])
            .User("via-group", groups: ["admins"])
            .User("split", managed: ["iam-only", "all-but-iam"])
            .User("admin-deny-all", managed: [AdministratorAccess, "deny-all"])
            .User("admin-notaction-deny", managed: [AdministratorAccess, "deny-all-but-reads"])
            .User("boundary-allows-nothing", managed: [AdministratorAccess], boundary: "boundary-nothing")
            .User("boundary-only-ec2", managed: [AdministratorAccess], boundary: "boundary-ec2")
            .User("split-mismatched-boundary", managed: ["iam-only", "all-but-iam"], boundary: "boundary-ec2")
            .Role("admin-role", Trust.Account(Id), managed: [AdministratorAccess])
            .Role("reader", Trust.Account(Id), managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
            .Role("AWSServiceRoleForSupport", Trust.Service("support.amazonaws.com"), inline: [("all", Everything)], path: "/aws-service-role/support.amazonaws.com/");
        return account;
    }

    [Fact]
    public void Administrators_by_every_route_are_listed_and_lookalikes_are_not()
    {
        var admins = Mixed().Model().Administrators().Select(a => a.Principal).ToList();
        Assert.Equal(
        [
            UserArn("aws-managed"), UserArn("customer-managed"), UserArn("inline"), UserArn("split"), UserArn("via-group"),
            GroupArn("admins"), RoleArn("admin-role"),
        ], admins);
    }

    [Theory]
    [InlineData("admin-deny-all", "iam:CreateUser on * is denied by policy arn:aws:iam::111122223333:policy/deny-all (statement 0)")]
    [InlineData("admin-notaction-deny", "iam:CreateUser on * is denied by policy arn:aws:iam::111122223333:policy/deny-all-but-reads (statement 0)")]
    [InlineData("boundary-allows-nothing", "iam:CreateUser on * is not allowed: the permissions boundary does not allow the action")]
    [InlineData("boundary-only-ec2", "iam:CreateUser on * is not allowed: the permissions boundary does not allow the action")]
    [InlineData("split-mismatched-boundary", "iam:CreateUser on * is not allowed: the permissions boundary does not allow the action")]
    public void Lookalikes_say_which_action_is_refused_and_by_what(string user, string reason)
    {
        var judgement = Judge(Mixed(), UserArn(user));
        Assert.Equal(AdminStatus.NotAdministrator, judgement.Status);
        Assert.Equal(reason, judgement.Reasons[0]);
    }

    [Fact]
    public void Reasons_name_the_policies_that_grant_everything_and_the_group_they_come_through()
    {
        var account = Mixed();
        var model = account.Model();
        Assert.Equal("allowed every action on every resource by AWS managed policy AdministratorAccess through group admins",
            model.IsAdministrator(model.Find(UserArn("via-group"))!).Reasons[0]);
        Assert.Equal("allowed every action on every resource by 2 policies that add up to everything: customer managed policy iam-only, customer managed policy all-but-iam",
            model.IsAdministrator(model.Find(UserArn("split"))!).Reasons[0]);
        Assert.Equal("allowed every action on every resource by inline policy all", model.IsAdministrator(model.Find(UserArn("inline"))!).Reasons[0]);
        Assert.Contains("members: via-group (each judged on its own as well)", model.IsAdministrator(model.Find(GroupArn("admins"))!).Reasons);
    }

    [Fact]
    public void A_deny_that_applies_only_without_MFA_makes_an_administrator_when_its_conditions_hold()
    {
        var account = new AccessAccount();
        account.Iam.User("mfa-admin", managed: [AdministratorAccess], inline: [("force-mfa", Statements(
            """{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}"""))]);
        var judgement = Judge(account, UserArn("mfa-admin"));
        Assert.Equal(AdminStatus.AdministratorWhenConditionsHold, judgement.Status);
        Assert.Contains(judgement.Reasons, r => r.StartsWith("without the conditions met, iam:CreateUser on * is denied by policy inline policy force-mfa", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deny_on_a_condition_about_the_caller_itself_is_not_escaped_by_choosing_keys()
    {
        // Everyone but the break-glass role is denied: the caller cannot choose its own ARN.
        var account = new AccessAccount();
        var onlyBreakGlass = Statements("""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/break-glass"}}}""");
        account.Iam.ManagedPolicy("only-break-glass", onlyBreakGlass)
            .Role("break-glass", Trust.Account(Id), managed: [AdministratorAccess, "only-break-glass"])
            .Role("ops", Trust.Account(Id), managed: [AdministratorAccess, "only-break-glass"]);
        var model = account.Model();
        Assert.Equal(AdminStatus.Administrator, model.IsAdministrator(model.Find(RoleArn("break-glass"))!).Status);
        Assert.Equal(AdminStatus.NotAdministrator, model.IsAdministrator(model.Find(RoleArn("ops"))!).Status);
    }

    [Fact]
    public void An_SCP_guardrail_that_binds_everyone_does_not_unmake_administrators()
    {
        var account = new AccessAccount().Governed([Scp.FullAwsAccess, DenyScp("p-stay", "organizations:LeaveOrganization")], [Scp.FullAwsAccess], [Scp.FullAwsAccess]);
        account.Iam.Role("admin-role", Trust.Account(Id), managed: [AdministratorAccess]);
        var model = account.Model();
        var judgement = model.IsAdministrator(model.Find(RoleArn("admin-role"))!);
        Assert.True(judgement.IsAdministrator);
        Assert.Contains("the organization's SCPs deny 1 actions to every principal of the account (e.g. organizations:LeaveOrganization); those are not counted", judgement.Reasons);
        Assert.Equal(["organizations:LeaveOrganization"], model.OutsideCeiling);
    }

    [Fact]
    public void An_SCP_that_denies_one_principal_everything_unmakes_that_administrator()
    {
        var denyOps = DenyScp("p-no-ops", "*", $$$"""{"ArnLike":{"aws:PrincipalArn":"{{{RoleArn("ops-*")}}}"}}""");
        var account = new AccessAccount().Governed([Scp.FullAwsAccess, denyOps], [Scp.FullAwsAccess], [Scp.FullAwsAccess]);
        account.Iam.Role("ops-admin", Trust.Account(Id), managed: [AdministratorAccess])
            .Role("platform-admin", Trust.Account(Id), managed: [AdministratorAccess]);
        var model = account.Model();
        Assert.Equal([RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        Assert.StartsWith("iam:CreateUser on * is denied by SCP", model.IsAdministrator(model.Find(RoleArn("ops-admin"))!).Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_SCP_allow_list_that_leaves_out_IAM_is_a_ceiling_for_everyone()
    {
        // Only EC2 and S3 are allowed at the OU: nobody in the account can use IAM, so an administrator is one who may do all of EC2 and S3.
        var allowList = new Scp("p-allow", "allow-list", Allow("""["ec2:*","s3:*"]"""));
        var account = new AccessAccount().Governed([Scp.FullAwsAccess], [allowList], [Scp.FullAwsAccess]);
        account.Iam.Role("admin-role", Trust.Account(Id), managed: [AdministratorAccess])
            .Role("ec2-only", Trust.Account(Id), inline: [("ec2", Allow("\"ec2:*\""))]);
        var model = account.Model();
        Assert.Equal([RoleArn("admin-role")], model.Administrators().Select(a => a.Principal));
    }

    [Fact]
    public void A_principal_whose_policy_is_unreadable_is_not_assessed()
    {
        var account = new AccessAccount();
        account.Iam.User("ghost", managed: ["arn:aws:iam::111122223333:policy/deleted"]);
        var judgement = Judge(account, UserArn("ghost"));
        Assert.Equal(AdminStatus.NotAssessed, judgement.Status);
        Assert.StartsWith("not assessed: managed policy arn:aws:iam::111122223333:policy/deleted is not available", judgement.Reasons[0], StringComparison.Ordinal);
    }
}
