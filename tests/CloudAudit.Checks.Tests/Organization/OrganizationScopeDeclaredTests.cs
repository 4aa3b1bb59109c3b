using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Organization;

namespace CloudAudit.Checks.Tests.Organization;

/// <summary>
/// A check's scope decides where a scan of an organization evaluates it (once at the organization, or in each member),
/// and it is declared in metadata, apart from the check's type: these tests keep the two, and the aws-org-* IDs, in step.
/// </summary>
public class OrganizationScopeDeclaredTests
{
    public static TheoryData<string> CheckIds => new(CheckRegistry.All.Select(c => c.Info.Id));

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Organization_scope_is_declared_by_every_organization_check_and_by_no_other(string id)
    {
        var check = CheckRegistry.Find(id)!;
        var isOrganizationCheck = check is OrganizationCheck;

        Assert.True(isOrganizationCheck == (check.Info.Scope == CheckScope.Organization),
            $"{id}: {(isOrganizationCheck ? "an OrganizationCheck must declare Scope = CheckScope.Organization" : "only an OrganizationCheck may declare organization scope")}");
        Assert.True(isOrganizationCheck == id.StartsWith("aws-org-", StringComparison.Ordinal),
            $"{id}: the aws-org-* IDs are the organization checks', and every organization check has one");
    }

    [Fact]
    public void The_registry_has_organization_checks_to_test()
    {
        Assert.True(CheckRegistry.All.Count(c => c is OrganizationCheck) >= 3);
    }
}
