using CloudAudit.Access.Administrators;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>The organization's resource control policies in admins, can-i and who-can: what they deny on the account's resources.</summary>
public class ResourceControlPolicyTests
{
    // A request on every key of the account: the inventory holds no key policy to ask for a named one.
    private const string Key = "*";
    private const string Report = "arn:aws:s3:::reports/q3.csv";
    private static readonly (string, string)[] Platform = [("team", "platform")];

    /// <summary>Two administrator roles, one tagged team=platform, and a reader of S3 alone.</summary>
    private static AccessModel Model(AccessAccount account)
    {
        account.Iam.Role("platform-admin", Trust.Account(Id), managed: [AdministratorAccess], tags: Platform)
            .Role("ops-admin", Trust.Account(Id), managed: [AdministratorAccess])
            .Role("reader", Trust.Account(Id), inline: [("s3", Allow("\"s3:GetObject\""))]);
        return account.Model();
    }

    private static readonly string UnlessPlatform = """{"StringNotEquals":{"aws:PrincipalTag/team":"platform"}}""";

    [Fact]
    public void An_RCP_denying_kms_Decrypt_to_all_but_a_tagged_role_unmakes_the_other_administrators()
    {
        var model = Model(new AccessAccount().GovernedByRcps([DenyRcp("p-rcpdecrypt", "kms:Decrypt", UnlessPlatform)]));

        Assert.Equal([RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        var ops = model.IsAdministrator(model.Find(RoleArn("ops-admin"))!);
        Assert.Equal(AdminStatus.NotAdministrator, ops.Status);
        Assert.Equal("kms:Decrypt", ops.FirstActionNotAllowed);
        Assert.StartsWith("kms:Decrypt on * is denied by RCP p-rcpdecrypt", ops.Reasons[0], StringComparison.Ordinal);
        Assert.Empty(model.OutsideCeiling);
        Assert.Contains("the organization's RCPs (3 levels) allow every action on the account's resources",
            model.IsAdministrator(model.Find(RoleArn("platform-admin"))!).Reasons);
    }

    [Fact]
    public void Can_i_names_the_RCP_statement_that_denies_and_who_can_leaves_the_denied_out()
    {
        var model = Model(new AccessAccount().GovernedByRcps([], ou: [DenyRcp("p-rcpdecrypt", "kms:Decrypt", UnlessPlatform)]));

        var denied = model.CanDo(model.Find(RoleArn("ops-admin"))!, "kms:Decrypt", Key);
        Assert.Equal(Decision.ExplicitDeny, denied.Decision);
        var statement = Assert.Single(denied.Statements);
        Assert.Equal((PolicyKind.ResourceControl, Effect.Deny), (statement.Kind, statement.Effect));
        Assert.Contains("p-rcpdecrypt", statement.PolicyName, StringComparison.Ordinal);
        Assert.True(model.CanDo(model.Find(RoleArn("platform-admin"))!, "kms:Decrypt", Key).IsAllowed);
        Assert.Equal([RoleArn("platform-admin")], model.WhoCan("kms:Decrypt", Key).Principals.Select(p => p.Principal));
    }

    [Fact]
    public void An_RCP_denying_assume_role_to_all_but_a_tagged_role_narrows_who_can_assume()
    {
        var model = Model(new AccessAccount().GovernedByRcps([DenyRcp("p-rcpassume", "sts:AssumeRole", UnlessPlatform)]));

        Assert.Equal([RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        Assert.Equal([RoleArn("platform-admin")], model.WhoCan("sts:AssumeRole", RoleArn("reader")).Principals.Select(p => p.Principal));
        Assert.DoesNotContain(model.AssumeRoleEdges, e => e.ToRole.Arn == RoleArn("reader") && e.From == RoleArn("ops-admin"));
    }

    [Fact]
    public void A_perimeter_RCP_on_the_organization_ID_leaves_the_organization_s_own_principals_alone()
    {
        var perimeter = DenyRcp("p-rcpperimeter", "s3:*", """{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-testorg0001"}}""");
        var model = Model(new AccessAccount().GovernedByRcps([], root: [perimeter]).Buckets(("reports", null)));

        Assert.Equal([RoleArn("ops-admin"), RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        Assert.Empty(model.OutsideCeiling);
        Assert.True(model.CanDo(model.Find(RoleArn("reader"))!, "s3:GetObject", Report).IsAllowed);
    }

    [Fact]
    public void A_perimeter_RCP_naming_another_organization_shuts_S3_to_everyone_of_the_account()
    {
        var perimeter = DenyRcp("p-rcpperimeter", "s3:*", """{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-elsewhere01"}}""");
        var model = Model(new AccessAccount().GovernedByRcps([], root: [perimeter]).Buckets(("reports", null)));

        Assert.Equal(Decision.ExplicitDeny, model.CanDo(model.Find(RoleArn("reader"))!, "s3:GetObject", Report).Decision);
        // Nobody of the account gets S3 through it: it cannot tell an administrator from anyone else.
        Assert.Contains("s3:GetObject", model.OutsideCeiling);
        Assert.Equal([RoleArn("ops-admin"), RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
    }

    [Fact]
    public void RCPs_do_not_govern_the_management_account()
    {
        var model = Model(new AccessAccount().GovernedByRcps([DenyRcp("p-rcpdecrypt", "kms:Decrypt", UnlessPlatform)], management: true));

        Assert.False(model.Rcps.Apply);
        Assert.Null(model.Rcps.Unread);
        Assert.Equal([RoleArn("ops-admin"), RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        Assert.True(model.CanDo(model.Find(RoleArn("ops-admin"))!, "kms:Decrypt", Key).IsAllowed);
    }

    [Fact]
    public void An_RCP_on_a_service_RCPs_do_not_govern_changes_nothing()
    {
        var model = Model(new AccessAccount().GovernedByRcps([DenyRcp("p-rcpec2", "ec2:*")]));

        Assert.True(model.Rcps.Apply);
        Assert.Empty(model.OutsideCeiling);
        Assert.Equal([RoleArn("ops-admin"), RoleArn("platform-admin")], model.Administrators().Select(a => a.Principal));
        Assert.True(model.CanDo(model.Find(RoleArn("ops-admin"))!, "ec2:TerminateInstances", $"arn:aws:ec2:us-east-1:{Id}:instance/i-0abc").IsAllowed);
    }

    [Fact]
    public void The_account_s_RCPs_do_not_hold_its_principals_on_another_account_s_resources()
    {
        var model = Model(new AccessAccount().GovernedByRcps([DenyRcp("p-rcpdecrypt", "kms:Decrypt", UnlessPlatform)]));
        var elsewhere = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        // Denied for want of the other key's policy, not by this account's RCP.
        var decision = model.CanDo(model.Find(RoleArn("ops-admin"))!, "kms:Decrypt", elsewhere);
        Assert.Equal(Decision.ImplicitDeny, decision.Decision);
        Assert.DoesNotContain(decision.Statements, s => s.Kind == PolicyKind.ResourceControl);
    }

    [Fact]
    public void Without_RCPs_enabled_nothing_is_held_and_nothing_is_caveated()
    {
        var account = new AccessAccount().Governed([Scp.FullAwsAccess], [Scp.FullAwsAccess], [Scp.FullAwsAccess]);
        var model = Model(account);

        Assert.False(model.Rcps.Apply);
        Assert.Null(model.Rcps.Unread);
        Assert.Empty(model.CanDo(model.Find(RoleArn("ops-admin"))!, "kms:Decrypt", Key).Caveats);
    }

    [Fact]
    public void Unread_RCPs_are_a_stated_caveat_on_the_services_they_govern()
    {
        var model = Model(new AccessAccount().RcpsRefused());

        Assert.False(model.Rcps.Apply);
        Assert.Contains("ListPoliciesForTarget", model.Rcps.Unread);
        Assert.Contains("access denied", model.Rcps.Unread);
        var admin = model.IsAdministrator(model.Find(RoleArn("ops-admin"))!);
        Assert.True(admin.IsAdministrator);
        Assert.Contains(admin.Reasons, r => r.StartsWith("the organization's RCPs could not be read (", StringComparison.Ordinal)
            && r.EndsWith("one may narrow this on the account's resources", StringComparison.Ordinal));
        var decrypt = model.CanDo(model.Find(RoleArn("ops-admin"))!, "kms:Decrypt", Key);
        Assert.Contains(decrypt.Caveats, c => c.StartsWith("the organization's RCPs could not be read", StringComparison.Ordinal));
        Assert.Contains(model.WhoCan("kms:Decrypt", Key).Caveats, c => c.StartsWith("the organization's RCPs could not be read", StringComparison.Ordinal));
        // EC2 is not a service RCPs govern: nothing unread can change that answer.
        Assert.Empty(model.CanDo(model.Find(RoleArn("ops-admin"))!, "ec2:RunInstances").Caveats);
    }
}
