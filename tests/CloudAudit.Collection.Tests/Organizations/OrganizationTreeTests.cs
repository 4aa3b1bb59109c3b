using CloudAudit.Collection.Organizations;
using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests.Organizations;

public class OrganizationTreeTests
{
    [Fact]
    public async Task Every_account_is_read_with_its_status_and_the_OUs_above_it_in_ID_order()
    {
        var tree = await OrganizationTree.ReadAsync(FakeOrganization.Management_(), FakeOrganization.Management);

        Assert.Equal(("o-test", FakeOrganization.Management, "r-root"), (tree.Id, tree.ManagementAccountId, tree.RootId));
        Assert.Equal(["100000000000", "100000000001", "100000000002", "100000000003", "100000000004", "100000000005"], tree.Accounts.Select(a => a.Id));
        var web = tree.Accounts.Single(a => a.Id == "100000000004");
        Assert.Equal("Root/Production/Web", web.OuPathText);
        Assert.Equal(["ou-prod", "ou-web"], web.OuPath.Select(o => o.Id));
        Assert.False(tree.Accounts.Single(a => a.Id == "100000000003").IsActive);
        Assert.Equal("Root", tree.Accounts.Single(a => a.Id == "100000000001").OuPathText);
    }

    [Fact]
    public async Task An_account_is_active_by_its_State_when_AWS_no_longer_sends_Status()
    {
        // AWS retires Account.Status on 9 September 2026; State is what ListAccountsForParent keeps answering.
        var reader = new FakeReader(FakeOrganization.Management)
            .On("organizations", "DescribeOrganization", (_, _) => Ok($$$"""{"Organization":{"Id":"o-test","MasterAccountId":"{{{FakeOrganization.Management}}}"}}"""))
            .On("organizations", "ListRoots", (_, _) => Ok("""{"Roots":[{"Id":"r-root","Name":"Root"}]}"""))
            .On("organizations", "ListOrganizationalUnitsForParent", (_, _) => Ok("""{"OrganizationalUnits":[]}"""))
            .On("organizations", "ListAccountsForParent", (_, _) => Ok(
                """{"Accounts":[{"Id":"100000000001","State":"ACTIVE"},{"Id":"100000000002","State":"CLOSED"},{"Id":"100000000003","State":"PENDING_CLOSURE","Status":"PENDING_CLOSURE"},{"Id":"100000000004","State":"SUSPENDED","Status":"ACTIVE"}]}"""));

        var tree = await OrganizationTree.ReadAsync(reader, FakeOrganization.Management);

        Assert.Equal(["100000000001"], tree.Accounts.Where(a => a.IsActive).Select(a => a.Id));
        Assert.Equal(["ACTIVE", "CLOSED", "PENDING_CLOSURE", "SUSPENDED"], tree.Accounts.Select(a => a.Status));
    }

    [Fact]
    public async Task An_OU_selects_its_accounts_and_those_of_every_OU_below_it()
    {
        var tree = await OrganizationTree.ReadAsync(FakeOrganization.Management_(), FakeOrganization.Management);

        Assert.Equal(["100000000002", "100000000003", "100000000004"], tree.Under(["ou-prod"]).Select(a => a.Id));
        Assert.Equal(["100000000004", "100000000005"], tree.Under(["ou-web", "ou-sbx"]).Select(a => a.Id));
        Assert.Equal(6, tree.Under(["r-root"]).Count);
        var error = Assert.Throws<CollectionException>(() => tree.Under(["ou-nope"]));
        Assert.Equal("--ous names no OU of organization o-test: ou-nope", error.Message);
    }

    [Fact]
    public async Task A_member_account_is_told_that_only_the_management_account_or_a_delegated_administrator_may_list_the_organization()
    {
        var error = await Assert.ThrowsAsync<CollectionException>(() => OrganizationTree.ReadAsync(FakeOrganization.Member("100000000002"), "100000000002"));

        Assert.StartsWith("--organization must run from the organization's management account (100000000000) or a delegated administrator; "
            + "account 100000000002 is neither (organizations:ListRoots answered AccessDeniedException", error.Message);
    }

    [Fact]
    public async Task An_account_outside_any_organization_is_told_so()
    {
        var reader = new FakeReader("123456789012")
            .On("organizations", "DescribeOrganization", (_, _) => Fail(FailureKind.Other, "AWSOrganizationsNotInUseException"));

        var error = await Assert.ThrowsAsync<CollectionException>(() => OrganizationTree.ReadAsync(reader, "123456789012"));

        Assert.StartsWith("--organization: account 123456789012 belongs to no AWS Organization", error.Message);
    }
}
