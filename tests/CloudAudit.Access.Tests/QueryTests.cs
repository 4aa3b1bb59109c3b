using CloudAudit.Access.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Policy.Evaluation;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>can-i and who-can over the account's real policies.</summary>
public class QueryTests
{
    private const string Reports = "arn:aws:s3:::reports-111122223333";
    private const string ReportObject = Reports + "/q1.csv";

    /// <summary>analyst reads the bucket through its identity policy; the bucket policy grants auditor and a partner account.</summary>
    private static AccessAccount Account(string? bucketPolicy = null)
    {
        var account = new AccessAccount().Buckets(("reports-111122223333", bucketPolicy ?? Statements(
            """{"Sid":"Auditor","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-111122223333/*"}""",
            """{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-111122223333/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-partner"}}}""")));
        account.Iam
            .User("analyst", inline: [("read", Allow("\"s3:GetObject\"", $"\"{Reports}/*\""))])
            .User("intern", inline: [("nothing", Allow("\"s3:ListAllMyBuckets\""))])
            .User("mfa-reader", inline: [("read", Allow("\"s3:GetObject\"", "\"*\"", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""))])
            .Role("auditor", Trust.Account(Id))
            .Role("admin", Trust.Account(Id), managed: [AdministratorAccess]);
        return account;
    }

    [Fact]
    public void Can_do_names_the_identity_statement_that_allows()
    {
        var model = Account().Model();
        var decision = model.CanDo(model.Find(UserArn("analyst"))!, "s3:GetObject", ReportObject);
        Assert.True(decision.IsAllowed);
        Assert.Equal(Reports, decision.ResourcePolicy);
        Assert.Contains(decision.Statements, m => m.PolicyName == "inline policy read of user analyst");
    }

    [Fact]
    public void Can_do_counts_a_grant_of_the_bucket_policy_alone()
    {
        var model = Account().Model();
        var decision = model.CanDo(model.Find(RoleArn("auditor"))!, "s3:GetObject", ReportObject);
        Assert.True(decision.IsAllowed);
        Assert.Equal("Auditor", Assert.Single(decision.Statements).Sid);
    }

    [Fact]
    public void Can_do_denies_without_a_grant_and_says_why()
    {
        var model = Account().Model();
        var decision = model.CanDo(model.Find(UserArn("intern"))!, "s3:GetObject", ReportObject);
        Assert.Equal(Decision.ImplicitDeny, decision.Decision);
        Assert.Equal("no identity-based policy allows the action", decision.Reason);
    }

    [Fact]
    public void Can_do_takes_request_context_from_the_caller()
    {
        var model = Account().Model();
        var reader = model.Find(UserArn("mfa-reader"))!;
        Assert.False(model.CanDo(reader, "s3:GetObject", ReportObject).IsAllowed);
        Assert.True(model.CanDo(reader, "s3:GetObject", ReportObject, new Dictionary<string, string> { ["aws:MultiFactorAuthPresent"] = "true" }).IsAllowed);
    }

    [Fact]
    public void A_bucket_policy_deny_wins_over_an_administrator()
    {
        var model = Account(Statements("""{"Sid":"NoDeletes","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::reports-111122223333/*"}""")).Model();
        var decision = model.CanDo(model.Find(RoleArn("admin"))!, "s3:DeleteObject", ReportObject);
        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
        Assert.Equal("NoDeletes", Assert.Single(decision.Statements).Sid);
    }

    [Fact]
    public void An_unread_resource_policy_makes_the_answer_not_assessed()
    {
        var account = new AccessAccount();
        account.Record.Failure(Inventory.Catalog.ResourcePolicyCalls.ListBuckets, Inventory.AwsIds.GlobalRegion, null,
            Inventory.Snapshot.ErrorKind.AccessDenied, "AccessDenied", "denied", 403);
        account.Iam.User("analyst", inline: [("read", Allow("\"s3:GetObject\""))]);
        var model = account.Model();
        var decision = model.CanDo(model.Find(UserArn("analyst"))!, "s3:GetObject", ReportObject);
        Assert.False(decision.IsAllowed);
        Assert.StartsWith("the resource policy is unknown: global: s3:ListBuckets access denied", decision.NotAssessed, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_lists_principals_with_their_statements_and_outside_parties()
    {
        var model = Account().Model();
        var answer = model.WhoCan("s3:GetObject", ReportObject);
        Assert.Equal(
            [UserArn("analyst"), RoleArn("auditor"), RoleArn("admin"), "arn:aws:iam::444455556666:root"],
            answer.Principals.Select(p => p.Principal));
        var partner = answer.Principals[^1];
        Assert.Equal("external", partner.Type);
        Assert.Equal("Partner", Assert.Single(partner.Via).Sid);
        Assert.Equal(["StringEquals aws:PrincipalOrgID [o-partner]"], partner.Conditions);
        Assert.Empty(answer.NotAssessed);
    }

    [Fact]
    public void Who_can_names_the_principals_it_could_not_judge()
    {
        var account = Account();
        account.Iam.User("ghost", managed: ["arn:aws:iam::111122223333:policy/deleted"]);
        var answer = account.Model().WhoCan("s3:GetObject", ReportObject);
        Assert.Contains(answer.NotAssessed, n => n.StartsWith(UserArn("ghost"), StringComparison.Ordinal));
    }

    [Fact]
    public void Who_can_on_a_service_control_policy_denied_action_is_nobody()
    {
        var account = new AccessAccount().Governed([Scp.FullAwsAccess, DenyScp("p-stay", "organizations:LeaveOrganization")], [Scp.FullAwsAccess], [Scp.FullAwsAccess]);
        account.Iam.Role("admin", Trust.Account(Id), managed: [AdministratorAccess]);
        Assert.Empty(account.Model().WhoCan("organizations:LeaveOrganization").Principals);
    }
}
