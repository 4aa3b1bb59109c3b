using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;

namespace CloudAudit.Checks.Tests.Iam;

public class AdminPolicyAttachedTests
{
    private static CheckResult Run(IamAuthorizationBuilder iam) => new TestAccount().With(iam).Run("aws-iam-005");

    [Fact]
    public void Fails_a_customer_managed_star_star_policy_attached_to_a_role()
    {
        var iam = Authorization().ManagedPolicy("ci-admin", AdminEverything)
            .Role("ci-deployer", IamAuthorizationBuilder.Trust.Service("codebuild.amazonaws.com"), managed: ["ci-admin"]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:role/ci-deployer#arn:aws:iam::111122223333:policy/ci-admin", finding.ResourceId);
        Assert.Equal("AWS::IAM::Role", finding.ResourceType);
        Assert.Contains("allows every action on every resource", finding.Description);
        Assert.Contains("aws iam detach-role-policy --role-name ci-deployer --policy-arn arn:aws:iam::111122223333:policy/ci-admin", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_iam_role_policy_attachment\" \"ci_deployer_scoped\"", finding.Remediation.Terraform);
        Assert.Contains("role       = \"ci-deployer\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void NotAction_that_leaves_out_a_grantable_action_is_administrative()
    {
        var iam = Authorization().ManagedPolicy("almost-admin", AllButPassRole).User("ops-lead", managed: ["almost-admin"]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("AWS::IAM::User", finding.ResourceType);
        Assert.Contains("allows every action except 1 (such as iam:PassRole)", finding.Description);
        Assert.Contains("aws iam detach-user-policy --user-name ops-lead", finding.Remediation!.Cli);
    }

    [Fact]
    public void AWS_managed_AdministratorAccess_on_a_group_fails()
    {
        var iam = Authorization().Group("admins", managed: ["arn:aws:iam::aws:policy/AdministratorAccess"]).User("alice", groups: ["admins"]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:group/admins#arn:aws:iam::aws:policy/AdministratorAccess", finding.ResourceId);
        Assert.Contains("AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess", finding.Description);
        Assert.Contains("aws iam detach-group-policy --group-name admins --policy-arn arn:aws:iam::aws:policy/AdministratorAccess", finding.Remediation!.Cli);
    }

    [Fact]
    public void Inline_admin_policy_is_deleted_not_detached()
    {
        var iam = Authorization().User("legacy-bot", inline: [("everything", AdminEverything)]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/legacy-bot#everything", finding.ResourceId);
        Assert.Equal("aws iam delete-user-policy --user-name legacy-bot --policy-name everything", finding.Remediation!.Cli.Split('\n')[1]);
        Assert.Contains("resource \"aws_iam_user_policy\" \"legacy_bot_scoped\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Admin_only_with_MFA_still_counts_and_says_so()
    {
        var iam = Authorization().Role("break-glass", IamAuthorizationBuilder.Trust.Account(TestAccount.Id),
            inline: [("admin-with-mfa", Allow("\"*\"", condition: """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""))]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Contains("whenever its conditions are met", finding.Description);
    }

    [Fact]
    public void Broad_but_not_administrative_policies_pass()
    {
        var iam = Authorization()
            .Role("power", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: ["arn:aws:iam::aws:policy/PowerUserAccess"])
            .Role("iam-admin", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: ["arn:aws:iam::aws:policy/IAMFullAccess"])
            .User("reader", inline: [("s3-read", ReadOnlyS3)]);
        var result = Run(iam);
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(3, result.ResourcesScanned);
    }

    [Fact]
    public void Service_linked_and_identity_center_roles_and_unattached_policies_are_not_reported()
    {
        var iam = Authorization().ManagedPolicy("unused-admin", AdminEverything)
            .Role("AWSServiceRoleForSupport", IamAuthorizationBuilder.Trust.Service("support.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], path: "/aws-service-role/support.amazonaws.com/")
            .Role("AWSReservedSSO_AdministratorAccess_0123456789abcdef", SamlTrust,
                managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], path: "/aws-reserved/sso.amazonaws.com/eu-west-1/")
            .User("reader", inline: [("s3-read", ReadOnlyS3)]);
        var result = Run(iam);
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }

    [Fact]
    public void Documents_the_AWS_CLI_already_decoded_into_objects_are_read_too()
    {
        var account = new TestAccount();
        account.Record.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, $$"""
            {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
             "RoleDetailList": [{"Path": "/", "RoleName": "ops", "RoleId": "AROAEXAMPLE", "Arn": "arn:aws:iam::111122223333:role/ops",
               "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]},
               "RolePolicyList": [{"PolicyName": "all", "PolicyDocument": {{AdminEverything}}}], "AttachedManagedPolicies": []}]}
            """);
        Assert.Single(account.Run("aws-iam-005").Findings);
    }

    [Fact]
    public void Denied_authorization_details_are_not_assessed()
    {
        var result = new TestAccount().Denied(IamAuthorizationCalls.GetAccountAuthorizationDetails, "global").Run("aws-iam-005");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void An_unreadable_policy_is_a_gap_not_a_pass()
    {
        var iam = Authorization().User("reader", inline: [("broken", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""")]);
        var result = Run(iam);
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains(result.Gaps, g => g.Message.Contains("could not be parsed"));
    }

    private const string SamlTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}""";
}
