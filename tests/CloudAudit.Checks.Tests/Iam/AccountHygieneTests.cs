using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Iam.IamData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>Password policy (006), direct user policies (010), support role (011), certificates (013), CloudShell (014), session length (017).</summary>
public class AccountHygieneTests
{
    private static TestAccount WithPolicy(string policyJson)
    {
        var account = new TestAccount();
        account.Record.Global(IamCalls.GetAccountPasswordPolicy, $$"""{"PasswordPolicy": {{policyJson}} }""");
        return account;
    }

    [Fact]
    public void No_password_policy_fails_with_a_complete_baseline_fix()
    {
        var result = new TestAccount().NotFoundGlobal(IamCalls.GetAccountPasswordPolicy, "NoSuchEntity").Run("aws-iam-006");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(TestAccount.Id, finding.ResourceId);
        Assert.Contains("has no IAM password policy", finding.Description);
        Assert.Contains("aws iam update-account-password-policy --cli-input-json '{\"MinimumPasswordLength\":14,\"RequireSymbols\":true,"
            + "\"RequireNumbers\":true,\"RequireUppercaseCharacters\":true,\"RequireLowercaseCharacters\":true,"
            + "\"AllowUsersToChangePassword\":true,\"PasswordReusePrevention\":24,\"HardExpiry\":false}'", finding.Remediation!.Cli);
        Assert.Contains("max_password_age               = 0", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_weak_policy_fails_and_the_fix_keeps_its_other_settings()
    {
        var result = WithPolicy("""
            {"MinimumPasswordLength": 8, "RequireSymbols": false, "RequireNumbers": true, "RequireUppercaseCharacters": false,
             "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true, "ExpirePasswords": true, "MaxPasswordAge": 90,
             "PasswordReusePrevention": 5, "HardExpiry": false}
            """).Run("aws-iam-006");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("The IAM password policy of account 111122223333 is weaker than CIS: minimum length is 8 (CIS: 14); "
            + "only the last 5 passwords cannot be reused (CIS: 24).", finding.Description);
        Assert.Contains("--cli-input-json '{\"MinimumPasswordLength\":14,\"RequireSymbols\":false,\"RequireNumbers\":true,"
            + "\"RequireUppercaseCharacters\":false,\"RequireLowercaseCharacters\":true,\"AllowUsersToChangePassword\":true,"
            + "\"PasswordReusePrevention\":24,\"HardExpiry\":false,\"MaxPasswordAge\":90}'", finding.Remediation!.Cli);
        Assert.Contains("max_password_age               = 90", finding.Remediation.Terraform);
        Assert.Contains(result.Findings[0].Compliance, c => c.Version == "7.0" && c.Control == "2.9");
    }

    [Fact]
    public void A_long_policy_keeps_its_length_in_the_fix()
    {
        var finding = Assert.Single(WithPolicy("""{"MinimumPasswordLength": 20, "PasswordReusePrevention": 12}""").Run("aws-iam-006").Findings);
        Assert.Contains("\"MinimumPasswordLength\":20", finding.Remediation!.Cli);
        Assert.DoesNotContain("minimum length", finding.Description);
    }

    [Fact]
    public void A_cis_policy_passes_and_a_denied_read_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, WithPolicy("""{"MinimumPasswordLength": 14, "PasswordReusePrevention": 24}""").Run("aws-iam-006").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().DeniedGlobal(IamCalls.GetAccountPasswordPolicy).Run("aws-iam-006").Status);
    }

    private static TestAccount WithUsers(params string[] names)
    {
        var account = new TestAccount();
        account.Record.Global(IamCalls.ListUsers, $$"""
            {"Users": [{{string.Join(",", names.Select(n => $$"""{"Path": "/", "UserName": "{{n}}", "Arn": "{{UserArn(n)}}"}"""))}}]}
            """);
        return account;
    }

    private static TestAccount UserPolicies(TestAccount account, string user, string[] managedArns, string[] inline)
    {
        account.Record.Target(IamCalls.ListAttachedUserPolicies, AwsIds.GlobalRegion, Params(("UserName", user)), $$"""
            {"AttachedPolicies": [{{string.Join(",", managedArns.Select(a => $$"""{"PolicyName": "{{a.Split('/')[^1]}}", "PolicyArn": "{{a}}"}"""))}}]}
            """);
        account.Record.Target(IamCalls.ListUserPolicies, AwsIds.GlobalRegion, Params(("UserName", user)),
            $$"""{"PolicyNames": [{{string.Join(",", inline.Select(n => $"\"{n}\""))}}]}""");
        return account;
    }

    [Fact]
    public void Users_with_managed_or_inline_policies_fail()
    {
        var account = WithUsers("admin", "svc", "clean");
        UserPolicies(account, "admin", ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::111122223333:policy/billing"], []);
        UserPolicies(account, "svc", [], ["svc-s3"]);
        UserPolicies(account, "clean", [], []);
        var result = account.Run("aws-iam-010");

        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal([UserArn("admin"), UserArn("svc")], result.Findings.Select(f => f.ResourceId));
        Assert.Equal("IAM user admin has managed policies AdministratorAccess, billing attached directly.", result.Findings[0].Description);
        Assert.Equal("IAM user svc has inline policy svc-s3 attached directly.", result.Findings[1].Description);
        Assert.Contains("admin_policy_arns = [\n    \"arn:aws:iam::aws:policy/AdministratorAccess\",\n    \"arn:aws:iam::111122223333:policy/billing\",\n  ]",
            result.Findings[0].Remediation!.Terraform);
        Assert.Equal([
                "aws iam attach-group-policy --group-name <GROUP_NAME> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
                "aws iam detach-user-policy --user-name admin --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
                "aws iam attach-group-policy --group-name <GROUP_NAME> --policy-arn arn:aws:iam::111122223333:policy/billing",
                "aws iam detach-user-policy --user-name admin --policy-arn arn:aws:iam::111122223333:policy/billing",
            ], result.Findings[0].Remediation!.Cli.Split('\n').Skip(3));
        Assert.Equal([
                "aws iam get-user-policy --user-name svc --policy-name svc-s3 --query PolicyDocument --output json > inline-policy.json",
                "aws iam put-group-policy --group-name <GROUP_NAME> --policy-name svc-s3 --policy-document file://inline-policy.json",
                "aws iam delete-user-policy --user-name svc --policy-name svc-s3",
            ], result.Findings[1].Remediation!.Cli.Split('\n').Skip(3));
    }

    [Fact]
    public void A_user_whose_policies_cannot_be_read_is_a_gap_not_a_pass()
    {
        var account = UserPolicies(WithUsers("clean", "hidden"), "clean", [], []);
        var result = account.DeniedGlobal(IamCalls.ListAttachedUserPolicies, Params(("UserName", "hidden"))).Run("aws-iam-010");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
        Assert.Equal(2, result.Gaps.Count);
    }

    [Fact]
    public void No_users_is_not_applicable_for_direct_policies()
    {
        Assert.Equal(CheckStatus.NotApplicable, WithUsers().Run("aws-iam-010").Status);
    }

    private static TestAccount WithEntities(ApiCall call, string policy, string json, string partition = "aws")
    {
        var account = new TestAccount();
        account.Inventory.Partition = partition;
        account.Record.Target(call, AwsIds.GlobalRegion, Params(("PolicyArn", $"arn:{partition}:iam::aws:policy/{policy}")), json);
        return account;
    }

    [Fact]
    public void Support_role_passes_when_a_role_holds_AWSSupportAccess()
    {
        var result = WithEntities(IamCalls.ListSupportAccessEntities, "AWSSupportAccess",
            """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": [{"RoleName": "support", "RoleId": "AROAX"}]}""").Run("aws-iam-011");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Support_policy_on_users_only_fails_as_cis_asks_for_a_role()
    {
        var result = WithEntities(IamCalls.ListSupportAccessEntities, "AWSSupportAccess",
            """{"PolicyGroups": [{"GroupName": "ops"}], "PolicyUsers": [{"UserName": "alice"}], "PolicyRoles": []}""", "aws-us-gov")
            .Run("aws-iam-011");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("No IAM role in account 111122223333 has the AWSSupportAccess policy; it is attached only to user alice, group ops.",
            finding.Description);
        Assert.Contains("--policy-arn arn:aws-us-gov:iam::aws:policy/AWSSupportAccess", finding.Remediation!.Cli);
        Assert.Contains("\"Principal\":{\"AWS\":\"arn:aws-us-gov:iam::111122223333:root\"}", finding.Remediation.Cli);
        Assert.Contains("identifiers = [\"arn:aws-us-gov:iam::111122223333:root\"]", finding.Remediation.Terraform);
        Assert.Contains("policy_arn = \"arn:aws-us-gov:iam::aws:policy/AWSSupportAccess\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Support_check_is_not_assessed_when_the_listing_is_denied()
    {
        var account = new TestAccount().DeniedGlobal(IamCalls.ListSupportAccessEntities,
            Params(("PolicyArn", "arn:aws:iam::aws:policy/AWSSupportAccess")));
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-iam-011").Status);
    }

    private static TestAccount WithCertificates(params (string Name, double ExpiresInDays)[] certificates)
    {
        var account = new TestAccount();
        account.Record.Global(IamCalls.ListServerCertificates, $$"""
            {"ServerCertificateMetadataList": [{{string.Join(",", certificates.Select(c => $$"""
                {"Path": "/", "ServerCertificateName": "{{c.Name}}", "ServerCertificateId": "ASCAX", "Arn": "arn:aws:iam::111122223333:server-certificate/{{c.Name}}",
                 "UploadDate": "{{DaysAgo(400)}}", "Expiration": "{{DaysAgo(-c.ExpiresInDays)}}"}
                """))}}]}
            """);
        return account;
    }

    [Fact]
    public void Expired_certificates_fail_and_valid_ones_pass()
    {
        var result = WithCertificates(("old", -1), ("current", 30)).Run("aws-iam-013");
        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:iam::111122223333:server-certificate/old", finding.ResourceId);
        Assert.Equal("aws iam delete-server-certificate --server-certificate-name old", finding.Remediation!.Cli.Split('\n')[1]);
        Assert.Equal(CheckStatus.Pass, WithCertificates(("current", 30)).Run("aws-iam-013").Status);
    }

    [Fact]
    public void No_certificates_is_not_applicable_and_a_denied_listing_not_assessed()
    {
        Assert.Equal(CheckStatus.NotApplicable, WithCertificates().Run("aws-iam-013").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().DeniedGlobal(IamCalls.ListServerCertificates).Run("aws-iam-013").Status);
    }

    [Fact]
    public void CloudShell_full_access_fails_each_holder_with_its_own_fix()
    {
        var account = WithEntities(IamCalls.ListCloudShellFullAccessEntities, "AWSCloudShellFullAccess", """
            {"PolicyGroups": [{"GroupName": "devs"}], "PolicyUsers": [{"UserName": "bob"}], "PolicyRoles": [{"RoleName": "ops"}]}
            """);
        account.Record.Global(IamCalls.ListUsers, """{"Users": [{"Path": "/people/", "UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/people/bob"}]}""");
        account.Record.Global(IamCalls.ListRoles, """{"Roles": [{"Path": "/", "RoleName": "ops", "Arn": "arn:aws:iam::111122223333:role/ops"}]}""");

        var findings = account.Run("aws-iam-014").Findings;
        Assert.Equal(["arn:aws:iam::111122223333:user/people/bob", "arn:aws:iam::111122223333:role/ops", "arn:aws:iam::111122223333:group/devs"],
            findings.Select(f => f.ResourceId));
        Assert.Equal(["AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Group"], findings.Select(f => f.ResourceType));
        Assert.Contains("aws iam detach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess", findings[0].Remediation!.Cli);
        Assert.Contains("resource \"aws_iam_group_policy_attachment\" \"devs_cloudshell\"", findings[2].Remediation!.Terraform);
        Assert.Contains("group = \"devs\"", findings[2].Remediation!.Terraform);
    }

    [Fact]
    public void CloudShell_policy_attached_to_nobody_passes_and_a_denied_listing_is_not_assessed()
    {
        var account = WithEntities(IamCalls.ListCloudShellFullAccessEntities, "AWSCloudShellFullAccess",
            """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": []}""");
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-014").Status);
        var denied = new TestAccount().DeniedGlobal(IamCalls.ListCloudShellFullAccessEntities,
            Params(("PolicyArn", "arn:aws:iam::aws:policy/AWSCloudShellFullAccess")));
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-iam-014").Status);
    }

    [Fact]
    public void A_managed_policy_the_partition_lacks_is_attached_to_nobody()
    {
        var account = new TestAccount();
        account.Record.Failure(IamCalls.ListCloudShellFullAccessEntities, AwsIds.GlobalRegion,
            Params(("PolicyArn", "arn:aws:iam::aws:policy/AWSCloudShellFullAccess")),
            Inventory.Snapshot.ErrorKind.NotFound, "NoSuchEntity", "Policy does not exist", 404);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-014").Status);
    }

    private static TestAccount WithRoles(string rolesJson)
    {
        var account = new TestAccount();
        account.Record.Global(IamCalls.ListRoles, $$"""{"Roles": [{{rolesJson}}]}""");
        return account;
    }

    private static string Role(string name, int maxSession, string path = "/", string trust = """{"Version": "2012-10-17", "Statement": []}""") =>
        $$"""{"Path": "{{path}}", "RoleName": "{{name}}", "Arn": "arn:aws:iam::111122223333:role{{path}}{{name}}", "MaxSessionDuration": {{maxSession}}, "AssumeRolePolicyDocument": {{trust}}}""";

    [Fact]
    public void Long_sessions_fail_but_aws_managed_roles_are_skipped()
    {
        var result = WithRoles(string.Join(",",
            Role("analyst", 43200),
            Role("deploy", 3600),
            Role("AWSServiceRoleForSupport", 43200, "/aws-service-role/support.amazonaws.com/"),
            Role("AWSReservedSSO_Admin_0123456789abcdef", 43200, "/aws-reserved/sso.amazonaws.com/"))).Run("aws-iam-017");

        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:iam::111122223333:role/analyst", finding.ResourceId);
        Assert.Equal("IAM role analyst allows sessions of up to 12 hours.", finding.Description);
        Assert.Equal("aws iam update-role --role-name analyst --max-session-duration 3600", finding.Remediation!.Cli);
        Assert.Contains("assume_role_policy   = \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_url_encoded_trust_policy_is_decoded_for_the_fix()
    {
        var result = WithRoles(Role("analyst", 7200, trust: "\"%7B%22Version%22%3A%222012-10-17%22%7D\"")).Run("aws-iam-017");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("IAM role analyst allows sessions of up to 2 hours.", finding.Description);
        Assert.Contains("assume_role_policy   = \"{\\\"Version\\\":\\\"2012-10-17\\\"}\"", finding.Remediation!.Terraform);
    }

    [Fact]
    public void Only_aws_managed_roles_is_not_applicable_and_a_denied_listing_not_assessed()
    {
        Assert.Equal(CheckStatus.NotApplicable,
            WithRoles(Role("AWSServiceRoleForSupport", 3600, "/aws-service-role/support.amazonaws.com/")).Run("aws-iam-017").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().DeniedGlobal(IamCalls.ListRoles).Run("aws-iam-017").Status);
    }
}
