using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: thirteen IAM users, mostly tidy (people with MFA, roles for workloads, hardware root MFA,
/// a CIS password policy) with the slips real accounts have: a person without MFA, a leaver's unused
/// console password, a CI user with an old second key, a service key never used, a break-glass admin
/// with AdministratorAccess on the user, a twelve-hour analyst role and an expired certificate.
/// Development: a few users, worse: an admin without MFA, keys years old, root without MFA and with
/// keys, signed in hours ago, a weak password policy, CloudShell for everyone, and one user whose
/// details the scanner may not read.
/// </summary>
internal sealed class DemoIam : IDemoPart
{
    private const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Global(IamCalls.GetAccountSummary, Summary(users: 13, mfa: true, rootKeys: false));
        DemoIamUsers.Record(a, clock, new DemoIamUsers.Root(Created: 2210, PasswordUsed: 143, Mfa: true, Keys: []),
        [
            new("alice.nguyen", "/people/", 900) { PasswordSet = 70, PasswordUsed = 0.2, Mfa = true },
            new("bob.schmidt", "/people/", 840) { PasswordSet = 120, PasswordUsed = 1, Mfa = true, Keys = [new(30, 0.5, Service: "sts")] },
            new("carol.diaz", "/people/", 210) { PasswordSet = 205, PasswordUsed = 9 },
            new("dave.okafor", "/people/", 1310) { PasswordSet = 400, PasswordUsed = 81, Mfa = true },
            new("erin.walsh", "/people/", 3) { PasswordSet = 3, Mfa = false },
            new("frank.mueller", "/people/", 760) { PasswordSet = 60, PasswordUsed = 4, Mfa = true, Keys = [new(500, 420, Active: false)] },
            new("grace.kim", "/people/", 450) { PasswordSet = 88, PasswordUsed = 1, Mfa = true },
            new("break-glass-admin", "/emergency/", 1400) { PasswordSet = 37, PasswordUsed = 37, Mfa = true, ManagedPolicies = [AdministratorAccess] },
            new("ci-deploy", "/service/", 1200)
            {
                Keys = [new(412, 0.1, Service: "cloudformation"), new(19, 0.02, Service: "cloudformation")],
                InlinePolicies = ["ci-deploy-artifacts"],
            },
            new("svc-reporting", "/service/", 230) { Keys = [new(226, null)] },
            new("svc-backup", "/service/", 61) { Keys = [new(60, 0.1, Service: "s3")] },
            new("svc-legacy-etl", "/service/", 980) { Keys = [new(151, 52, Service: "glue", Region: "eu-west-1")] },
            new("security-auditor", "/service/", 46) { Keys = [new(45, 0.01, Service: "iam")] },
        ]);

        a.Global(IamCalls.GetAccountPasswordPolicy, """
            {"PasswordPolicy": {"MinimumPasswordLength": 16, "RequireSymbols": true, "RequireNumbers": true,
             "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true,
             "ExpirePasswords": false, "PasswordReusePrevention": 24, "HardExpiry": false}}
            """);
        // Root uses a hardware key, so only the people's authenticator apps are listed.
        a.Global(IamCalls.ListVirtualMfaDevices, $$"""
            {"VirtualMFADevices": [
              {{VirtualMfa(clock, id, "alice.nguyen", "/people/", 70)}}, {{VirtualMfa(clock, id, "bob.schmidt", "/people/", 120)}},
              {{VirtualMfa(clock, id, "dave.okafor", "/people/", 400)}}, {{VirtualMfa(clock, id, "grace.kim", "/people/", 88)}},
              {"SerialNumber": "arn:aws:iam::{{id}}:mfa/carol.diaz-phone"}]}
            """);
        SupportEntities(a, """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": [{"RoleName": "aws-support", "RoleId": "AROA4NORTHWINDSUPP01"}]}""");
        CloudShellEntities(a, """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": []}""");
        a.Global(IamCalls.ListRoles, $$"""
            {"Roles": [
              {{Role(clock, id, "/", "aws-support", 3600, AccountTrust(id), 700)}},
              {{Role(clock, id, "/", "github-actions-deploy", 3600, GitHubTrust(id), 400)}},
              {{Role(clock, id, "/", "data-analyst", 43200, AccountTrust(id), 300)}},
              {{Role(clock, id, "/", "web-instance-role", 3600, ServiceTrust("ec2.amazonaws.com"), 500)}},
              {{Role(clock, id, "/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport", 3600, ServiceTrust("support.amazonaws.com"), 2000)}},
              {{Role(clock, id, "/aws-reserved/sso.amazonaws.com/eu-west-1/", "AWSReservedSSO_AdministratorAccess_5f1c2e9a7b3d4c61", 43200, SamlTrust(id), 600)}}]}
            """);
        a.Global(IamCalls.ListServerCertificates, $$"""
            {"ServerCertificateMetadataList": [
              {{Certificate(clock, id, "www-northwind-2025", 402, expires: -37)}},
              {{Certificate(clock, id, "api-northwind-2026", 160, expires: 205)}}]}
            """);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Global(IamCalls.GetAccountSummary, Summary(users: 5, mfa: false, rootKeys: true));
        DemoIamUsers.Record(a, clock,
            new DemoIamUsers.Root(Created: 640, PasswordUsed: DemoThreatActivity.RootSignIn.TotalDays, Mfa: false, Keys: [new(610, 10, Service: "ec2")]),
        [
            new("dev-admin", "/", 600) { PasswordSet = 580, PasswordUsed = 1, Keys = [new(305, 0.3, Service: "ec2")], ManagedPolicies = [AdministratorAccess] },
            new("jenkins", "/", 590) { Keys = [new(520, 2, Service: "ecr"), new(118, null)] },
            // Dormant for months until the leaked build key gave it a new access key (DemoThreatActivity).
            new("old-intern", "/", 330)
            {
                PasswordSet = 330, PasswordUsed = 201,
                Keys = [new(250, null), new(DemoThreatActivity.DormantKeyAge.TotalDays, DemoThreatActivity.DormantKeyAge.TotalDays / 2, Service: "s3")],
            },
            new("qa-tester", "/", 150) { PasswordSet = 40, PasswordUsed = 3, Mfa = true },
            new("vendor-sync", "/partners/", 31) { Keys = [new(30, 1, Service: "sqs")], ReadsDenied = true },
        ]);

        a.Global(IamCalls.GetAccountPasswordPolicy, """
            {"PasswordPolicy": {"MinimumPasswordLength": 8, "RequireSymbols": false, "RequireNumbers": true,
             "RequireUppercaseCharacters": false, "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true,
             "ExpirePasswords": true, "MaxPasswordAge": 90, "HardExpiry": false}}
            """);
        a.Global(IamCalls.ListVirtualMfaDevices, $$"""
            {"VirtualMFADevices": [{{VirtualMfa(clock, id, "qa-tester", "/", 40)}}]}
            """);
        SupportEntities(a, $$"""{"PolicyGroups": [], "PolicyUsers": [{"UserName": "dev-admin", "UserId": "{{DemoUser.StableId("AIDA", id + "dev-admin")}}"}], "PolicyRoles": []}""");
        CloudShellEntities(a, """
            {"PolicyGroups": [{"GroupName": "developers", "GroupId": "AGPA4NORTHWINDDEV0001"}], "PolicyUsers": [],
             "PolicyRoles": [{"RoleName": "dev-admin-role", "RoleId": "AROA4NORTHWINDDEV0002"}]}
            """);
        a.Global(IamCalls.ListRoles, $$"""
            {"Roles": [
              {{Role(clock, id, "/", "dev-admin-role", 43200, AccountTrust(id), 500)}},
              {{Role(clock, id, "/", "lambda-exec", 3600, ServiceTrust("lambda.amazonaws.com"), 200)}},
              {{Role(clock, id, "/aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6071", 28800, SamlTrust(id), 400)}}]}
            """);
        a.Global(IamCalls.ListServerCertificates, """{"ServerCertificateMetadataList": []}""");
    }

    /// <summary>The security account: people sign in through IAM Identity Center; one service user (the SIEM log forwarder); root untouched.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Global(IamCalls.GetAccountSummary, Summary(users: 1, mfa: true, rootKeys: false));
        DemoIamUsers.Record(a, clock, new DemoIamUsers.Root(Created: 900, PasswordUsed: 400, Mfa: true, Keys: []),
        [
            new("siem-forwarder", "/service/", 200) { Keys = [new(40, 0.01, Service: "logs")] },
        ]);
        a.Global(IamCalls.GetAccountPasswordPolicy, """
            {"PasswordPolicy": {"MinimumPasswordLength": 20, "RequireSymbols": true, "RequireNumbers": true,
             "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true,
             "ExpirePasswords": false, "PasswordReusePrevention": 24, "HardExpiry": false}}
            """);
        a.Global(IamCalls.ListVirtualMfaDevices, """{"VirtualMFADevices": []}""");
        SupportEntities(a, """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": [{"RoleName": "aws-support", "RoleId": "AROA4NORTHWINDSEC0002"}]}""");
        CloudShellEntities(a, """{"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": []}""");
        a.Global(IamCalls.ListRoles, $$"""
            {"Roles": [
              {{Role(clock, id, "/", "aws-support", 3600, AccountTrust(id), 700)}},
              {{Role(clock, id, "/", "SecurityAudit", 3600, AccountTrust(id), 690)}},
              {{Role(clock, id, "/", "CloudTrailToCloudWatch", 3600, ServiceTrust("cloudtrail.amazonaws.com"), 700)}},
              {{Role(clock, id, "/", $"{DemoSecretsManager.SiemTokenRotation}-role", 3600, ServiceTrust("lambda.amazonaws.com"), 520)}},
              {{Role(clock, id, "/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport", 3600, ServiceTrust("support.amazonaws.com"), 900)}},
              {{Role(clock, id, "/aws-service-role/guardduty.amazonaws.com/", "AWSServiceRoleForAmazonGuardDuty", 3600, ServiceTrust("guardduty.amazonaws.com"), 890)}},
              {{Role(clock, id, "/aws-service-role/securityhub.amazonaws.com/", "AWSServiceRoleForSecurityHub", 3600, ServiceTrust("securityhub.amazonaws.com"), 890)}},
              {{Role(clock, id, "/aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_SecurityAnalyst_7c6b5a4d3e2f1a09", 28800, SamlTrust(id), 650)}}]}
            """);
        a.Global(IamCalls.ListServerCertificates, """{"ServerCertificateMetadataList": []}""");
    }

    private static string Summary(int users, bool mfa, bool rootKeys) => $$"""
        {"SummaryMap": {"Users": {{users}}, "UsersQuota": 5000, "Groups": 4, "Roles": 6, "Policies": 9, "MFADevices": 5, "MFADevicesInUse": 4,
         "AccountMFAEnabled": {{(mfa ? 1 : 0)}}, "AccountAccessKeysPresent": {{(rootKeys ? 1 : 0)}}, "AccountPasswordPresent": 1,
         "AccountSigningCertificatesPresent": 0, "ServerCertificates": 2, "ServerCertificatesQuota": 20, "Providers": 1} }
        """;

    private static string VirtualMfa(DemoClock clock, string account, string user, string path, double enabled) => $$"""
        {"SerialNumber": "arn:aws:iam::{{account}}:mfa/{{user}}", "EnableDate": "{{clock.DaysAgo(enabled)}}",
         "User": {"Path": "{{path}}", "UserName": "{{user}}", "UserId": "{{DemoUser.StableId("AIDA", account + user)}}",
                  "Arn": "arn:aws:iam::{{account}}:user{{path}}{{user}}", "CreateDate": "{{clock.DaysAgo(enabled + 1)}}"} }
        """;

    private static void SupportEntities(DemoRecorder a, string json) =>
        a.Target(IamCalls.ListSupportAccessEntities, AwsIds.GlobalRegion,
            Params(("PolicyArn", IamCalls.AwsManagedPolicyArn("aws", IamCalls.SupportAccessPolicy))), json);

    private static void CloudShellEntities(DemoRecorder a, string json) =>
        a.Target(IamCalls.ListCloudShellFullAccessEntities, AwsIds.GlobalRegion,
            Params(("PolicyArn", IamCalls.AwsManagedPolicyArn("aws", IamCalls.CloudShellFullAccessPolicy))), json);

    private static string Role(DemoClock clock, string account, string path, string name, int maxSession, string trust, double created) => $$"""
        {"Path": "{{path}}", "RoleName": "{{name}}", "RoleId": "{{DemoUser.StableId("AROA", account + name)}}",
         "Arn": "arn:aws:iam::{{account}}:role{{path}}{{name}}", "CreateDate": "{{clock.DaysAgo(created)}}",
         "AssumeRolePolicyDocument": {{trust}}, "MaxSessionDuration": {{maxSession}}}
        """;

    private static string AccountTrust(string account) => $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{account}}:root"},
         "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"} } }]}
        """;

    private static string ServiceTrust(string service) => $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "{{service}}"}, "Action": "sts:AssumeRole"}]}
        """;

    private static string GitHubTrust(string account) => $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"Federated": "arn:aws:iam::{{account}}:oidc-provider/token.actions.githubusercontent.com"},
         "Action": "sts:AssumeRoleWithWebIdentity",
         "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                        "token.actions.githubusercontent.com:sub": "repo:northwind/platform:ref:refs/heads/main"} } }]}
        """;

    private static string SamlTrust(string account) => $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"Federated": "arn:aws:iam::{{account}}:saml-provider/AWSSSO_1f2e3d4c5b6a7980_DO_NOT_DELETE"},
         "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
         "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"} } }]}
        """;

    private static string Certificate(DemoClock clock, string account, string name, double uploaded, double expires) => $$"""
        {"Path": "/", "ServerCertificateName": "{{name}}", "ServerCertificateId": "{{DemoUser.StableId("ASCA", account + name)}}",
         "Arn": "arn:aws:iam::{{account}}:server-certificate/{{name}}", "UploadDate": "{{clock.DaysAgo(uploaded)}}",
         "Expiration": "{{clock.DaysAgo(-expires)}}"}
        """;
}
