using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Checks.Tests.Iam;

public class PrivilegeEscalationTests
{
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string LambdaAdminRole = "arn:aws:iam::111122223333:role/lambda-admin";

    private static CheckResult Run(IamAuthorizationBuilder iam, Action<TestAccount>? more = null)
    {
        var account = new TestAccount().With(iam);
        if (more is null) account.InEveryRegion(ResourcePolicyCalls.ListFunctions, """{"Functions": []}""");
        else more(account);
        return account.Run("aws-iam-018");
    }

    private static IamAuthorizationBuilder Developer(string passRole, string? condition = null) => Authorization()
        .ManagedPolicy("dev-deploy", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Functions","Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction","lambda:GetFunction"],"Resource":"*"},
              {"Sid":"PassRoles","Effect":"Allow","Action":"iam:PassRole","Resource":{{passRole}}{{(condition is null ? "" : $",\"Condition\":{condition}")}}}]}
            """)
        .User("dev-alice", managed: ["dev-deploy"])
        .Role("lambda-admin", Trust.Service("lambda.amazonaws.com"), managed: [Admin])
        .Role("lambda-basic", Trust.Service("lambda.amazonaws.com"), managed: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]);

    [Fact]
    public void PassRole_to_an_administrator_role_with_lambda_create_and_invoke_is_critical()
    {
        var finding = Assert.Single(Run(Developer("\"*\"")).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/dev-alice#lambda-001", finding.ResourceId);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("AWS::IAM::User", finding.ResourceType);
        Assert.Contains("User dev-alice can escalate via lambda-001 (iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction)", finding.Description);
        Assert.Contains("role lambda-admin (an administrator)", finding.Description);
        Assert.DoesNotContain("lambda-basic", finding.Description);
        Assert.Contains($"iam:PassRole on {LambdaAdminRole} is allowed by arn:aws:iam::111122223333:policy/dev-deploy (statement 1 PassRoles)", finding.Description);
        Assert.Contains("lambda:CreateFunction on arn:aws:lambda:us-east-1:111122223333:function:* is allowed by", finding.Description);
        var cli = finding.Remediation!.Cli.Split('\n')[1];
        Assert.StartsWith("aws iam put-user-policy --user-name dev-alice --policy-name deny-escalation-lambda-001 --policy-document '", cli);
        var deny = JsonNode.Parse(cli.Split(" --policy-document ")[1].Trim('\''))!["Statement"]![0]!;
        Assert.Equal("iam:PassRole", deny["Action"]!.GetValue<string>());
        Assert.Equal(LambdaAdminRole, Assert.Single(deny["Resource"]!.AsArray())!.GetValue<string>());
        Assert.Contains("resource \"aws_iam_user_policy\" \"deny_escalation_lambda_001\"", finding.Remediation.Terraform);
        Assert.Contains("actions   = [\"iam:PassRole\"]", finding.Remediation.Terraform);
    }

    [Fact]
    public void PassRole_scoped_to_a_less_privileged_role_is_not_a_path()
    {
        Assert.Equal(CheckStatus.Pass, Run(Developer("\"arn:aws:iam::111122223333:role/lambda-basic\"")).Status);
    }

    [Fact]
    public void PassRole_limited_to_another_service_by_condition_does_not_open_the_lambda_path()
    {
        var result = Run(Developer("\"*\"", """{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}"""));
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void A_role_with_more_data_access_is_a_high_finding()
    {
        var iam = Authorization()
            .User("dev-bob", inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]"""))])
            .Role("payments-fn", Trust.Service("lambda.amazonaws.com"),
                inline: [("secrets", Allow("\"secretsmanager:GetSecretValue\"", "\"arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/*\""))]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("more privileged: allowed secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/*, which dev-bob is not", finding.Description);
    }

    [Fact]
    public void A_role_that_may_put_a_policy_on_itself_escalates_unless_its_boundary_caps_it()
    {
        var selfEdit = Allow("\"iam:PutRolePolicy\"", "\"arn:aws:iam::111122223333:role/automation\"");
        var open = Run(Authorization().Role("automation", Trust.Service("ec2.amazonaws.com"), inline: [("self", selfEdit)]));
        var finding = Assert.Single(open.Findings);
        Assert.Equal("arn:aws:iam::111122223333:role/automation#iam-005", finding.ResourceId);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.StartsWith("aws iam put-role-policy --role-name automation --policy-name deny-escalation-iam-005", finding.Remediation!.Cli.Split('\n')[1]);

        var capped = Run(Authorization()
            .ManagedPolicy("boundary", Allow("""["iam:PutRolePolicy","s3:GetObject"]"""))
            .Role("automation", Trust.Service("ec2.amazonaws.com"), inline: [("self", selfEdit)], boundary: "boundary"));
        var cappedFinding = Assert.Single(capped.Findings);
        Assert.Equal(Severity.High, cappedFinding.Severity);
        Assert.Contains("reaching itself (more privileged: allowed iam:PutRolePolicy, which automation is not)", cappedFinding.Description);
    }

    [Fact]
    public void Attaching_policies_limited_by_iam_PolicyARN_to_read_only_is_not_escalation()
    {
        var iam = Authorization().User("helpdesk", inline: [("attach", Allow("\"iam:AttachUserPolicy\"", "\"*\"",
            """{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}"""))]);
        Assert.Equal(CheckStatus.Pass, Run(iam).Status);
    }

    [Fact]
    public void AssumeRole_into_an_administrator_role_trusting_the_account_is_critical()
    {
        var iam = Authorization()
            .User("ops", inline: [("assume", Allow("\"sts:AssumeRole\""))])
            .Role("OrganizationAdmin", Trust.Account(TestAccount.Id), managed: [Admin])
            .Role("partner-admin", Trust.Account("444455556666"), managed: [Admin]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/ops#sts-001", finding.ResourceId);
        Assert.Contains("role OrganizationAdmin (an administrator)", finding.Description);
        Assert.DoesNotContain("partner-admin", finding.Description);
    }

    [Fact]
    public void A_trust_policy_naming_the_user_needs_no_identity_permission()
    {
        var iam = Authorization()
            .User("contractor", inline: [("read", ReadOnlyS3)])
            .Role("break-glass", Trust.Principal("arn:aws:iam::111122223333:user/contractor"), managed: [Admin]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Contains("sts:AssumeRole on arn:aws:iam::111122223333:role/break-glass is allowed by trust policy of role break-glass (statement 0)", finding.Description);
    }

    [Fact]
    public void Chains_count_a_role_that_can_escalate_itself_makes_assuming_it_critical()
    {
        var iam = Authorization()
            .User("intern", inline: [("assume", Allow("\"sts:AssumeRole\"", "\"arn:aws:iam::111122223333:role/tooling\""))])
            .Role("tooling", Trust.Account(TestAccount.Id), inline: [("self", Allow("\"iam:AttachRolePolicy\"", "\"arn:aws:iam::111122223333:role/tooling\""))]);
        var findings = Run(iam).Findings;
        var intern = Assert.Single(findings, f => f.ResourceId.StartsWith("arn:aws:iam::111122223333:user/intern#", StringComparison.Ordinal));
        Assert.Equal(Severity.Critical, intern.Severity);
        Assert.Contains("role tooling (able to escalate to administrator itself, then via iam-009 administrator access for itself)", intern.Description);
        Assert.Contains(findings, f => f.ResourceId == "arn:aws:iam::111122223333:role/tooling#iam-009");
    }

    [Fact]
    public void A_derived_path_is_folded_into_its_parent()
    {
        var iam = Authorization()
            .Role("platform", Trust.Account(TestAccount.Id), inline: [("iam", Allow("""["iam:AttachRolePolicy","sts:AssumeRole"]"""))])
            .Role("reports", Trust.Account(TestAccount.Id), inline: [("read", ReadOnlyS3)]);
        var findings = Run(iam).Findings.Where(f => f.ResourceId.StartsWith("arn:aws:iam::111122223333:role/platform#", StringComparison.Ordinal)).ToList();
        var parent = Assert.Single(findings, f => f.ResourceId.EndsWith("#iam-009", StringComparison.Ordinal));
        Assert.Contains("It also opens iam-014.", parent.Description);
        Assert.DoesNotContain(findings, f => f.ResourceId.EndsWith("#iam-014", StringComparison.Ordinal));
    }

    [Fact]
    public void Updating_code_of_a_function_that_runs_as_an_administrator_is_judged_per_function()
    {
        var iam = Authorization()
            .User("dev-carol", inline: [("code", Allow("\"lambda:UpdateFunctionCode\"", "\"arn:aws:lambda:us-east-1:111122223333:function:dev-*\""))])
            .Role("lambda-admin", Trust.Service("lambda.amazonaws.com"), managed: [Admin])
            .Role("dev-fn", Trust.Service("lambda.amazonaws.com"), inline: [("logs", Allow("\"logs:PutLogEvents\""))]);
        CheckResult RunWith(string adminFunction) => Run(iam, a => a.WithFunctions("us-east-1",
            (adminFunction, LambdaAdminRole, null), ("dev-thumbnails", "arn:aws:iam::111122223333:role/dev-fn", null)));

        var finding = Assert.Single(RunWith("dev-admin-tasks").Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/dev-carol#lambda-003", finding.ResourceId);
        Assert.Contains("function arn:aws:lambda:us-east-1:111122223333:function:dev-admin-tasks", finding.Description);
        Assert.Contains("arn:aws:lambda:us-east-1:111122223333:function:dev-admin-tasks", finding.Remediation!.Cli);

        Assert.Equal(CheckStatus.Pass, RunWith("prod-admin-tasks").Status);
    }

    [Fact]
    public void Administrators_and_service_linked_roles_are_not_analysed()
    {
        var iam = Authorization()
            .Role("admin", Trust.Account(TestAccount.Id), managed: [Admin])
            .Role("AWSServiceRoleForECS", Trust.Service("ecs.amazonaws.com"), inline: [("iam", Allow("\"iam:*\""))], path: "/aws-service-role/ecs.amazonaws.com/")
            .User("reader", inline: [("read", ReadOnlyS3)]);
        var result = Run(iam);
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }

    [Fact]
    public void Holders_of_an_administrative_policy_are_left_to_aws_iam_005()
    {
        var iam = Authorization().User("ops-lead", inline: [("almost", AllButPassRole)])
            .Role("lambda-admin", Trust.Service("lambda.amazonaws.com"), managed: [Admin]);
        var result = Run(iam);
        Assert.Empty(result.Findings);
        Assert.Equal(0, result.ResourcesScanned);
    }

    [Fact]
    public void Becoming_a_holder_of_an_administrative_policy_is_critical()
    {
        var iam = Authorization()
            .User("ops", inline: [("assume", Allow("\"sts:AssumeRole\""))])
            .Role("platform", Trust.Account(TestAccount.Id), inline: [("almost", AllButPassRole)]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("role platform (holds an administrative policy)", finding.Description);
    }

    [Fact]
    public void EC2_can_only_run_roles_held_by_an_instance_profile()
    {
        IamAuthorizationBuilder With(bool profile) => Authorization()
            .User("builder", inline: [("run", Allow("""["iam:PassRole","ec2:RunInstances"]"""))])
            .Role("ec2-admin", Trust.Service("ec2.amazonaws.com"), managed: [Admin], instanceProfile: profile);
        Assert.Equal(CheckStatus.Pass, Run(With(profile: false)).Status);
        var finding = Assert.Single(Run(With(profile: true)).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/builder#ec2-001", finding.ResourceId);
    }

    [Fact]
    public void Adding_oneself_to_an_administrators_group_is_critical()
    {
        var iam = Authorization()
            .Group("admins", managed: [Admin])
            .User("helpdesk", inline: [("groups", Allow("\"iam:AddUserToGroup\"", "\"arn:aws:iam::111122223333:group/*\""))]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/helpdesk#iam-013", finding.ResourceId);
        Assert.Contains("group admins (administrator access)", finding.Description);
        Assert.Contains("\"Resource\":[\"arn:aws:iam::111122223333:group/admins\"]", finding.Remediation!.Cli);
    }

    [Fact]
    public void Creating_access_keys_for_an_administrator_user_is_critical_and_parents_fold_their_variants()
    {
        var iam = Authorization()
            .User("root-like", managed: [Admin])
            .User("support", inline: [("keys", Allow("""["iam:CreateAccessKey","iam:DeleteAccessKey"]""", "\"arn:aws:iam::111122223333:user/*\""))]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/support#iam-002", finding.ResourceId);
        Assert.Contains("user root-like (an administrator)", finding.Description);
        Assert.Contains("It also opens iam-003.", finding.Description);
    }

    [Fact]
    public void Running_commands_on_instances_counts_only_for_grants_that_reach_every_instance()
    {
        IamAuthorizationBuilder With(string resource) => Authorization()
            .User("operator", inline: [("ssm", Allow("\"ssm:SendCommand\"", resource))])
            .Role("ec2-admin", Trust.Service("ec2.amazonaws.com"), managed: [Admin], instanceProfile: true);
        var finding = Assert.Single(Run(With("\"*\"")).Findings);
        Assert.Equal("arn:aws:iam::111122223333:user/operator#ssm-002", finding.ResourceId);
        Assert.Contains("ssm:SendCommand on arn:aws:ec2:us-east-1:111122223333:instance/* is allowed by", finding.Description);
        Assert.Contains("\"Resource\":[\"arn:aws:ec2:*:111122223333:instance/*\"]", finding.Remediation!.Cli);
        Assert.Equal(CheckStatus.Pass, Run(With("\"arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890\"")).Status);
    }

    [Fact]
    public void Many_administrator_targets_make_the_stopgap_deny_everything_for_the_permission()
    {
        var iam = Authorization().User("dev", inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]"""))]);
        for (var i = 0; i < 12; i++) iam.Role($"fn-admin-{i:D2}", Trust.Service("lambda.amazonaws.com"), managed: [Admin]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Contains("; and 7 more", finding.Description);
        Assert.Contains("\"Action\":\"iam:PassRole\",\"Resource\":[\"*\"]", finding.Remediation!.Cli);
    }

    [Fact]
    public void An_Identity_Center_role_is_fixed_in_its_permission_set()
    {
        var iam = Authorization()
            .Role("AWSReservedSSO_Developer_0123456789abcdef", Trust.Account(TestAccount.Id), path: "/aws-reserved/sso.amazonaws.com/",
                inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]"""))])
            .Role("lambda-admin", Trust.Service("lambda.amazonaws.com"), managed: [Admin]);
        var finding = Assert.Single(Run(iam).Findings);
        Assert.Contains("aws sso-admin attach-customer-managed-policy-reference-to-permission-set --instance-arn <SSO_INSTANCE_ARN>", finding.Remediation!.Cli);
        Assert.Contains("--customer-managed-policy-reference '{\"Name\":\"deny-escalation-lambda-001\",\"Path\":\"/\"}'", finding.Remediation.Cli);
        Assert.Contains("resource \"aws_ssoadmin_customer_managed_policy_attachment\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Missing_authorization_details_are_not_assessed()
    {
        var result = new TestAccount().Denied(IamAuthorizationCalls.GetAccountAuthorizationDetails, "global").Run("aws-iam-018");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
    }
}
