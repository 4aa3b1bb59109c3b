using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

/// <summary>The documented evaluation logic: deny wins, SCP/RCP levels, boundaries, sessions, resource policies.</summary>
public class EvaluationLogicTests
{
    const string Bucket = "arn:aws:s3:::reports";
    const string Object = "arn:aws:s3:::reports/2024/q1.csv";

    static PolicySet Ids(params PolicyDocument[] identity) => new() { Identity = identity };

    [Fact]
    public void Nothing_allows_means_implicit_deny()
    {
        var result = PolicyEvaluator.Evaluate(new PolicySet(), new AccessRequest(Role, "s3:GetObject", Object));
        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Empty(result.MatchedStatements);
    }

    [Fact]
    public void Explicit_deny_anywhere_wins_and_is_reported()
    {
        var set = Ids(Identity(Allow("s3:*")), Doc(PolicyKind.Identity, """{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}"""));
        var result = PolicyEvaluator.Evaluate(set, new AccessRequest(Role, "s3:DeleteObject", Object));
        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        var statement = Assert.Single(result.MatchedStatements);
        Assert.Equal(("NoDelete", 0, Effect.Deny, PolicyKind.Identity), (statement.Sid, statement.StatementIndex, statement.Effect, statement.Kind));
        Assert.Equal(Decision.Allowed, Decide(set, Role, "s3:GetObject", Object));
    }

    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", true)]
    [InlineData("s3:getobject", "s3:GetObject", true)]
    [InlineData("S3:Get*", "s3:GetObjectAcl", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("s3:*Object", "s3:PutObject", true)]
    [InlineData("s3:?etObject", "s3:GetObject", true)]
    [InlineData("*", "iam:CreateUser", true)]
    [InlineData("*:*", "iam:CreateUser", true)]
    [InlineData("iam:*", "s3:GetObject", false)]
    public void Action_wildcards_are_case_insensitive(string pattern, string action, bool allowed) =>
        Assert.Equal(allowed ? Decision.Allowed : Decision.ImplicitDeny, Decide(Ids(Identity(Allow(pattern))), Role, action, Object));

    [Theory]
    [InlineData("arn:aws:s3:::reports/*", Object, true)]
    [InlineData("arn:aws:s3:::reports/*", Bucket, false)]
    [InlineData("arn:aws:s3:::Reports/*", Object, false)]
    [InlineData("arn:aws:s3:::reports/2024/q?.csv", Object, true)]
    [InlineData("arn:aws:s3:::*", Object, true)]
    [InlineData("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true)]
    [InlineData("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:444455556666:instance/i-1", false)]
    [InlineData("*", Object, true)]
    public void Resource_matching_is_case_sensitive_with_wildcards(string pattern, string resource, bool allowed) =>
        Assert.Equal(allowed ? Decision.Allowed : Decision.ImplicitDeny, Decide(Ids(Identity(Allow("s3:GetObject", pattern))), Role, "s3:GetObject", resource));

    [Fact]
    public void NotAction_allows_everything_except_the_listed_actions()
    {
        var set = Ids(Identity("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"""));
        Assert.Equal(Decision.Allowed, Decide(set, Role, "ec2:RunInstances", "*"));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "iam:CreateUser", "*"));
    }

    [Fact]
    public void Deny_with_NotAction_denies_all_but_the_listed_actions()
    {
        var set = Ids(Identity(Allow("*")), Identity("""{"Effect":"Deny","NotAction":["iam:*","sts:GetCallerIdentity"],"Resource":"*"}"""));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(set, Role, "iam:ListRoles", "*"));
    }

    [Fact]
    public void NotResource_applies_to_every_other_resource()
    {
        var set = Ids(Identity(Allow("s3:*")), Identity("""{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}"""));
        Assert.Equal(Decision.Allowed, Decide(set, Role, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::payroll/x"));
    }

    [Fact]
    public void Every_SCP_level_must_allow_and_absence_of_SCPs_means_no_limit()
    {
        var identity = Identity(Allow("*"));
        var fullAccess = Doc(PolicyKind.ServiceControl, Allow("*"));
        var onlyS3 = Doc(PolicyKind.ServiceControl, Allow("s3:*"));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { Identity = [identity] }, Role, "ec2:RunInstances", "*"));
        var scps = new PolicySet { Identity = [identity], ServiceControlPolicies = [[fullAccess], [onlyS3]] };
        Assert.Equal(Decision.Allowed, Decide(scps, Role, "s3:GetObject", Object));
        var result = PolicyEvaluator.Evaluate(scps, new AccessRequest(Role, "ec2:RunInstances", "*"));
        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Contains("level 1", result.Reason);
    }

    [Fact]
    public void SCPs_grant_nothing_on_their_own()
    {
        var set = new PolicySet { ServiceControlPolicies = [[Doc(PolicyKind.ServiceControl, Allow("*"))]] };
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", Object));
    }

    [Fact]
    public void SCP_deny_wins_over_identity_allow_but_not_for_service_principals()
    {
        var scp = Doc(PolicyKind.ServiceControl, Allow("*"), Deny("s3:PutBucketPolicy"));
        var set = new PolicySet
        {
            Identity = [Identity(Allow("*"))], ServiceControlPolicies = [[scp]],
            ResourcePolicy = Resource("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutBucketPolicy","Resource":"arn:aws:s3:::reports"}"""),
        };
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "s3:PutBucketPolicy", Bucket));
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(set, new AccessRequest(Principal.Service("cloudtrail.amazonaws.com"), Matching.ActionName.Parse("s3:PutBucketPolicy"), Bucket)));
    }

    [Fact]
    public void RCPs_apply_only_to_services_that_support_them()
    {
        var rcp = Doc(PolicyKind.ResourceControl,
            """{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""",
            """{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-mine"}}}""");
        var set = new PolicySet { Identity = [Identity(Allow("*"))], ResourceControlPolicies = [[rcp]] };
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "s3:GetObject", Object, Context(("aws:PrincipalOrgID", "o-other"))));
        Assert.Equal(Decision.Allowed, Decide(set, Role, "s3:GetObject", Object, Context(("aws:PrincipalOrgID", "o-mine"))));
        // EC2 does not support RCPs: the RCP is not consulted.
        Assert.Equal(Decision.Allowed, Decide(set, Role, "ec2:DescribeInstances", "*", Context(("aws:PrincipalOrgID", "o-other"))));
    }

    [Fact]
    public void RCPs_of_an_account_guard_its_resources_only_and_spare_service_linked_roles()
    {
        var rcp = Doc(PolicyKind.ResourceControl,
            """{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""",
            """{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}""");
        var set = new PolicySet { Identity = [Identity(Allow("*"))], ResourceControlPolicies = [[rcp]], ResourceControlAccount = Account };
        var ownQueue = $"arn:aws:sqs:us-east-1:{Account}:jobs";
        var otherQueue = $"arn:aws:sqs:us-east-1:{Other}:jobs";

        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "sqs:SendMessage", ownQueue));
        // The same principal on another account's queue: that account's RCPs would apply, not these.
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "sqs:SendMessage", otherQueue));
        Assert.Equal(Decision.Allowed, Decide(set.WithResourcePolicy(Resource(
            $$"""{"Effect":"Allow","Principal":{"AWS":"{{Role}}"},"Action":"sqs:SendMessage","Resource":"{{otherQueue}}"}""")), Role, "sqs:SendMessage", otherQueue));
        // A caller from elsewhere on the guarded account's queue is held by them.
        Assert.Equal(Decision.ExplicitDeny, Decide(set.WithResourcePolicy(Resource(
            $$"""{"Effect":"Allow","Principal":{"AWS":"{{OtherRole}}"},"Action":"sqs:SendMessage","Resource":"{{ownQueue}}"}""")), OtherRole, "sqs:SendMessage", ownQueue));
        // AWS exempts service-linked roles from RCPs.
        Assert.Equal(Decision.Allowed, Decide(set, $"arn:aws:iam::{Account}:role/aws-service-role/sqs.amazonaws.com/AWSServiceRoleForSQS", "sqs:SendMessage", ownQueue));
    }

    [Fact]
    public void Permissions_boundary_intersects_with_identity_policies()
    {
        var set = new PolicySet { Identity = [Identity(Allow("*"))], PermissionsBoundary = Doc(PolicyKind.PermissionsBoundary, Allow("s3:*"), Allow("cloudwatch:*")) };
        Assert.Equal(Decision.Allowed, Decide(set, User, "s3:GetObject", Object));
        var result = PolicyEvaluator.Evaluate(set, new AccessRequest(User, "iam:CreateUser", "*"));
        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Contains("boundary", result.Reason);
        // A boundary alone grants nothing.
        var boundaryOnly = new PolicySet { PermissionsBoundary = Doc(PolicyKind.PermissionsBoundary, Allow("*")) };
        Assert.Equal(Decision.ImplicitDeny, Decide(boundaryOnly, User, "s3:GetObject", Object));
    }

    [Fact]
    public void Session_policies_intersect_with_the_role_permissions()
    {
        var set = new PolicySet { Identity = [Identity(Allow("s3:*"), Allow("ec2:*"))], SessionPolicies = [Doc(PolicyKind.Session, Allow("s3:Get*"))] };
        Assert.Equal(Decision.Allowed, Decide(set, Session, "s3:GetObject", Object));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Session, "s3:PutObject", Object));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Session, "ec2:RunInstances", "*"));
    }

    [Fact]
    public void Same_account_resource_policy_naming_the_user_is_not_limited_by_the_boundary()
    {
        var boundary = Doc(PolicyKind.PermissionsBoundary, Allow("ec2:*"));
        var byUserArn = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{User}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        var byWildcard = Resource("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { PermissionsBoundary = boundary, ResourcePolicy = byUserArn }, User, "s3:GetObject", Object));
        Assert.Equal(Decision.ImplicitDeny, Decide(new PolicySet { PermissionsBoundary = boundary, ResourcePolicy = byWildcard }, User, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { ResourcePolicy = byWildcard }, User, "s3:GetObject", Object));
    }

    [Fact]
    public void Resource_policy_naming_the_role_is_limited_by_session_policy_but_naming_the_session_is_not()
    {
        var sessionPolicy = Doc(PolicyKind.Session, Allow("ec2:*"));
        var byRole = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{Role}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        var bySession = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{Session}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(Decision.ImplicitDeny, Decide(new PolicySet { SessionPolicies = [sessionPolicy], ResourcePolicy = byRole }, Session, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { SessionPolicies = [sessionPolicy], ResourcePolicy = bySession }, Session, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { ResourcePolicy = byRole }, Session, "s3:GetObject", Object));
    }

    [Fact]
    public void Resource_policy_naming_the_account_delegates_to_identity_policies()
    {
        var byAccount = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{Account}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(Decision.ImplicitDeny, Decide(new PolicySet { ResourcePolicy = byAccount }, Role, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { ResourcePolicy = byAccount, Identity = [Identity(Allow("s3:GetObject"))] }, Role, "s3:GetObject", Object));
    }

    [Fact]
    public void Cross_account_access_needs_both_the_identity_policy_and_the_resource_policy()
    {
        var grantsPartner = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Other}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        var partnerIdentity = Identity(Allow("s3:GetObject"));
        var request = new AccessRequest(Principal.Parse(OtherRole), Matching.ActionName.Parse("s3:GetObject"), Object, resourceAccount: Account);
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { Identity = [partnerIdentity], ResourcePolicy = grantsPartner }, request));
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = grantsPartner }, request));
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Decide(new PolicySet { Identity = [partnerIdentity] }, request));
    }

    [Fact]
    public void Key_policy_must_allow_before_identity_policies_count()
    {
        const string Key = $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var identity = Identity(Allow("kms:Decrypt"));
        var keyPolicyWithoutAccount = Doc(PolicyKind.Resource, $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/admin"},"Action":"kms:*","Resource":"*"}""");
        var keyPolicyWithAccount = Doc(PolicyKind.Resource, $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"}""");
        Assert.Equal(Decision.ImplicitDeny, Decide(new PolicySet { Identity = [identity], ResourcePolicy = keyPolicyWithoutAccount }, Role, "kms:Decrypt", Key));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { Identity = [identity], ResourcePolicy = keyPolicyWithAccount }, Role, "kms:Decrypt", Key));
    }

    [Fact]
    public void NotPrincipal_with_deny_spares_only_the_named_principals()
    {
        var policy = Resource(
            """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""",
            $$"""{"Effect":"Deny","NotPrincipal":{"AWS":["{{User}}","arn:aws:iam::{{Account}}:root"]},"Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { ResourcePolicy = policy }, User, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = policy },
            new AccessRequest(Principal.Anonymous, Matching.ActionName.Parse("s3:GetObject"), Object)));
    }

    [Fact]
    public void Anonymous_callers_are_allowed_only_by_a_public_resource_policy()
    {
        var request = new AccessRequest(Principal.Anonymous, Matching.ActionName.Parse("s3:GetObject"), Object);
        var publicPolicy = Resource("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        var awsStar = Resource("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""");
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = publicPolicy }, request));
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = awsStar }, request));
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Decide(new PolicySet { Identity = [Identity(Allow("*"))] }, request));
    }

    [Fact]
    public void Trust_policy_naming_the_role_of_another_account_is_cross_account()
    {
        const string Target = $"arn:aws:iam::{Account}:role/deploy";
        var trust = Doc(PolicyKind.Trust, $$"""{"Effect":"Allow","Principal":{"AWS":"{{OtherRole}}"},"Action":"sts:AssumeRole"}""");
        var request = new AccessRequest(Principal.Parse(OtherRole), Matching.ActionName.Parse("sts:AssumeRole"), Target);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = trust }, request));
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = trust, Identity = [Identity(Allow("sts:AssumeRole", Target))] }, request));
    }

    [Fact]
    public void Matched_statements_of_an_allow_name_each_layer()
    {
        var set = new PolicySet
        {
            Identity = [Identity(Allow("s3:GetObject"))],
            PermissionsBoundary = Doc(PolicyKind.PermissionsBoundary, Allow("s3:*")),
        };
        var result = PolicyEvaluator.Evaluate(set, new AccessRequest(Role, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.Equal([PolicyKind.Identity, PolicyKind.PermissionsBoundary], result.MatchedStatements.Select(s => s.Kind));
    }
}
