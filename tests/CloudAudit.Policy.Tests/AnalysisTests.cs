using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

public class AdminAnalysisTests
{
    static readonly Principal role = Principal.Parse(Role);

    [Fact]
    public void AdministratorAccess_makes_an_administrator()
    {
        var admin = AwsManagedPolicies.Default.Get("arn:aws:iam::aws:policy/AdministratorAccess")!;
        Assert.True(PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [admin] }, role).IsAdministrator);
    }

    [Fact]
    public void Admin_through_an_inline_NotAction_policy_with_an_unrelated_name_is_found()
    {
        var sneaky = Identity("""{"Effect":"Allow","NotAction":"iam:PassRole","Resource":"*"}""", Allow("iam:PassRole"));
        Assert.True(PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [sneaky] }, role).IsAdministrator);
    }

    [Fact]
    public void PowerUserAccess_is_not_an_administrator()
    {
        var power = AwsManagedPolicies.Default.Get("arn:aws:iam::aws:policy/PowerUserAccess")!;
        var verdict = PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [power] }, role);
        Assert.False(verdict.IsAdministrator);
        Assert.False(verdict.IsAdministratorWhenConditionsHold);
        Assert.StartsWith("iam:", verdict.FirstActionNotAllowed);
    }

    [Fact]
    public void A_boundary_or_an_SCP_takes_administrator_away()
    {
        var admin = Identity(Allow("*"));
        Assert.False(PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [admin], PermissionsBoundary = Doc(PolicyKind.PermissionsBoundary, Allow("s3:*")) }, role).IsAdministrator);
        Assert.False(PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [admin], ServiceControlPolicies = [[Doc(PolicyKind.ServiceControl, Allow("*"), Deny("iam:*"))]] }, role).IsAdministrator);
        Assert.True(PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [admin], ServiceControlPolicies = [[Doc(PolicyKind.ServiceControl, Allow("*"))]] }, role).IsAdministrator);
    }

    [Fact]
    public void Admin_with_MFA_condition_is_admin_when_conditions_hold()
    {
        var mfa = Identity(Allow("*", extra: Condition("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")));
        var verdict = PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [mfa] }, role);
        Assert.False(verdict.IsAdministrator);
        Assert.True(verdict.IsAdministratorWhenConditionsHold);
    }

    [Fact]
    public void Allowed_actions_on_a_bucket_object()
    {
        var set = new PolicySet { Identity = [Identity(Allow("s3:Get*", "arn:aws:s3:::reports/*"), Allow("s3:PutObject", "arn:aws:s3:::other/*"))] };
        var actions = PrincipalAnalysis.AllowedActions(set, role, "arn:aws:s3:::reports/a.csv").Select(a => a.FullName).ToList();
        Assert.Contains("s3:GetObject", actions);
        Assert.DoesNotContain("s3:PutObject", actions);
        Assert.All(actions, a => Assert.StartsWith("s3:Get", a));
    }
}

public class ResourceExposureTests
{
    const string Bucket = "arn:aws:s3:::reports";

    static ExposureReport Analyze(string statements, string? org = "o-mine12345") =>
        ResourceExposure.Analyze(Resource(statements), Bucket, Account, org);

    [Fact]
    public void Principal_star_without_conditions_is_public()
    {
        var report = Analyze("""{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(ExposureLevel.Public, report.Level);
        Assert.Equal("Public", report.Grants[0].Statement.Sid);
    }

    [Fact]
    public void Principal_star_restricted_by_PrincipalOrgID_is_org_wide_not_public()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-mine12345"}}}""");
        Assert.Equal(ExposureLevel.OrgWide, report.Level);
        Assert.Contains(report.Grants[0].RestrictingConditions, c => c.Contains("aws:PrincipalOrgID"));
    }

    [Fact]
    public void PrincipalOrgID_with_IfExists_does_not_restrict_callers_outside_any_organization()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-mine12345"}}}""");
        Assert.Equal(ExposureLevel.Public, report.Level);
    }

    [Fact]
    public void Service_principal_with_SourceAccount_is_not_public()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"aws:SourceAccount":"ACCOUNT"}}}""".Replace("ACCOUNT", Account));
        Assert.Equal(ExposureLevel.Private, report.Level);
        var star = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"aws:SourceAccount":"ACCOUNT"}}}""".Replace("ACCOUNT", Other));
        Assert.Equal(ExposureLevel.CrossAccount, star.Level);
        Assert.Equal([Other], star.Grants[0].Accounts);
    }

    [Fact]
    public void Service_principal_without_source_condition_is_reachable_for_any_account()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(ExposureLevel.CrossAccount, report.Level);
        Assert.Contains("*", report.Grants[0].Accounts);
    }

    [Fact]
    public void Named_account_is_cross_account_and_listed()
    {
        var report = Analyze($$"""{"Effect":"Allow","Principal":{"AWS":"{{Other}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(ExposureLevel.CrossAccount, report.Level);
        Assert.Equal([Other], report.Grants[0].Accounts);
    }

    [Fact]
    public void Own_account_principals_are_private()
    {
        var report = Analyze($$"""{"Effect":"Allow","Principal":{"AWS":["{{Role}}","arn:aws:iam::{{Account}}:root"]},"Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(ExposureLevel.Private, report.Level);
    }

    [Fact]
    public void Source_IP_restriction_is_not_public_but_open_to_any_account_from_those_networks()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""");
        Assert.Equal(ExposureLevel.CrossAccount, report.Level);
        var open = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}""");
        Assert.Equal(ExposureLevel.Public, open.Level);
    }

    [Fact]
    public void Conditions_on_caller_chosen_keys_do_not_protect()
    {
        var report = Analyze("""{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}""");
        Assert.Equal(ExposureLevel.Public, report.Level);
    }

    [Fact]
    public void A_deny_outside_the_organization_caps_a_public_allow()
    {
        var report = Analyze(
            """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""" + "," +
            """{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-mine12345"}}}""");
        Assert.Equal(ExposureLevel.OrgWide, report.Level);
    }

    [Fact]
    public void KMS_key_policy_for_everyone_is_public()
    {
        const string Key = $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var policy = Doc(PolicyKind.Resource, """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.Equal(ExposureLevel.Public, ResourceExposure.Analyze(policy, Key, Account).Level);
    }
}

public class TrustAnalysisTests
{
    const string Provider = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com";
    const string DeployRole = $"arn:aws:iam::{Account}:role/deploy";

    static IReadOnlyList<OpenOidcTrust> Check(string condition) => TrustAnalysis.OpenToAnyOidcSubject(Doc(PolicyKind.Trust,
        $$"""{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},"Action":"sts:AssumeRoleWithWebIdentity"{{condition}}}"""), DeployRole);

    [Fact]
    public void GitHub_trust_without_sub_condition_is_open()
    {
        var findings = Check(Condition("""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}"""));
        Assert.Contains("no condition", Assert.Single(findings).Reason);
    }

    [Theory]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"*"}}""", true)]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}""", true)]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*/infra:*"}}""", true)]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:my-org*"}}""", true)]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:my-org/*"}}""", false)]
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:my-org/infra:ref:refs/heads/main"}}""", false)]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:my-org/infra:*"},"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}""", false)]
    public void GitHub_sub_patterns(string condition, bool open) =>
        Assert.Equal(open, Check(Condition(condition)).Count > 0);

    [Fact]
    public void Trust_in_an_AWS_principal_is_not_an_OIDC_finding()
    {
        var policy = Doc(PolicyKind.Trust, $$"""{"Effect":"Allow","Principal":{"AWS":"{{OtherRole}}"},"Action":"sts:AssumeRole"}""");
        Assert.Empty(TrustAnalysis.OpenToAnyOidcSubject(policy, DeployRole));
    }
}

public class SecureTransportTests
{
    const string Name = "reports";

    [Fact]
    public void Deny_all_s3_actions_without_TLS_passes()
    {
        var policy = Resource("""{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}""");
        var verdict = BucketPolicyAnalysis.DeniesInsecureTransport(policy, Name, Account);
        Assert.True(verdict.DeniesInsecureTransport);
        Assert.Equal("TLS", Assert.Single(verdict.DenyingStatements).Sid);
    }

    [Theory]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""")]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::reports/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""")]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}""")]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:UserAgent":"curl"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}""")]
    public void Partial_or_misdirected_denies_fail(string statement) =>
        Assert.False(BucketPolicyAnalysis.DeniesInsecureTransport(Resource(statement), Name, Account).DeniesInsecureTransport);

    [Fact]
    public void NumericLessThan_TLS_version_deny_does_not_count_as_denying_HTTP()
    {
        var policy = Resource("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}""");
        Assert.False(BucketPolicyAnalysis.DeniesInsecureTransport(policy, Name, Account).DeniesInsecureTransport);
        Assert.False(BucketPolicyAnalysis.DeniesInsecureTransport(null, Name, Account).DeniesInsecureTransport);
    }
}
