using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests.Organizations;

/// <summary>
/// An organization as the management account 100000000000 reads it: root r-root with account 100000000001,
/// OU Production (ou-prod) holding 100000000002 and 100000000003 (suspended), and inside it OU Web (ou-web)
/// holding 100000000004; OU Sandbox (ou-sbx) holding 100000000005.
/// </summary>
public static class FakeOrganization
{
    public const string Management = "100000000000";

    public static FakeReader Management_() => new FakeReader(Management)
        .On("organizations", "DescribeOrganization", (_, _) => Ok($$$"""{"Organization":{"Id":"o-test","MasterAccountId":"{{{Management}}}"}}"""))
        .On("organizations", "ListRoots", (_, _) => Ok("""{"Roots":[{"Id":"r-root","Name":"Root"}]}"""))
        .On("organizations", "ListOrganizationalUnitsForParent", (_, input) => Ok((string?)input!["ParentId"] switch
        {
            "r-root" => """{"OrganizationalUnits":[{"Id":"ou-prod","Name":"Production"},{"Id":"ou-sbx","Name":"Sandbox"}]}""",
            "ou-prod" => """{"OrganizationalUnits":[{"Id":"ou-web","Name":"Web"}]}""",
            _ => """{"OrganizationalUnits":[]}""",
        }))
        .On("organizations", "ListAccountsForParent", (_, input) => Ok((string?)input!["ParentId"] switch
        {
            "r-root" => $$"""{"Accounts":[{"Id":"100000000001","Name":"shared","Status":"ACTIVE"},{"Id":"{{Management}}","Name":"management","Status":"ACTIVE"}]}""",
            "ou-prod" => """{"Accounts":[{"Id":"100000000003","Name":"old","Status":"SUSPENDED"},{"Id":"100000000002","Name":"prod","Status":"ACTIVE"}]}""",
            "ou-web" => """{"Accounts":[{"Id":"100000000004","Name":"web","Status":"ACTIVE"}]}""",
            "ou-sbx" => """{"Accounts":[{"Id":"100000000005","Name":"sandbox","Status":"ACTIVE"}]}""",
            _ => """{"Accounts":[]}""",
        }));

    /// <summary>A member account: it may describe its organization but not list it.</summary>
    public static FakeReader Member(string account) => new FakeReader(account)
        .On("organizations", "DescribeOrganization", (_, _) => Ok($$$"""{"Organization":{"Id":"o-test","MasterAccountId":"{{{Management}}}"}}"""))
        .On("organizations", "ListRoots", (_, _) => Fail(FailureKind.AccessDenied, "AccessDeniedException"));
}
