using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Credentials;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests.Organizations;

public class MultiAccountCollectorTests
{
    private static readonly RegionSelection TwoRegions = new(["us-east-1", "eu-west-1"], false, "us-east-1");
    private static readonly IReadOnlyList<ApiCall> Calls = [CloudTrailCalls.DescribeTrails, OrganizationCalls.DescribeOrganization];

    private static List<OrganizationAccount> Accounts(int count) =>
        Enumerable.Range(1, count).Select(i => new OrganizationAccount($"3000000000{i:00}", $"account-{i}", "ACTIVE",
            [new OrganizationalUnitRef("ou-a", "A")])).ToList();

    private static async Task<List<AccountInventory>> Collect(IReadOnlyList<OrganizationAccount> accounts,
        Func<OrganizationAccount, AccountConnection> connect, MultiAccountOptions? options = null, OrganizationReads? organization = null)
    {
        var collected = new List<AccountInventory>();
        var collector = new MultiAccountCollector(connect, new CollectorOptions(), options ?? new MultiAccountOptions(), organization);
        await collector.CollectAsync(accounts, Calls, TwoRegions, inventory =>
        {
            collected.Add(inventory);
            return Task.CompletedTask;
        });
        return collected;
    }

    [Fact]
    public async Task Each_account_is_collected_with_its_own_reader_and_carries_its_name_and_OUs()
    {
        var readers = new ConcurrentDictionary<string, FakeReader>();

        var inventories = await Collect(Accounts(3), account => new AccountConnection(readers.GetOrAdd(account.Id, id => new FakeReader(id))));

        Assert.Equal(["300000000001", "300000000002", "300000000003"], inventories.Select(i => i.AccountId).Order());
        foreach (var inventory in inventories)
        {
            Assert.Null(inventory.NotAssessed);
            Assert.Equal(["eu-west-1", "us-east-1"], inventory.Regions.Order());
            Assert.Equal($"account-{inventory.AccountId[^1]}", inventory.Name);
            Assert.Equal("A", Assert.Single(inventory.OuPath!).Name);
            Assert.NotNull(inventory.CollectionSeconds);
            Assert.Equal(2, readers[inventory.AccountId].Requests("cloudtrail", "DescribeTrails").Count);
        }
    }

    [Fact]
    public async Task An_account_whose_role_cannot_be_assumed_is_not_assessed_with_the_cause_and_the_others_are_collected()
    {
        var inventories = await Collect(Accounts(3), account => account.Id == "300000000002"
            ? throw new NoCredentialsException("Could not assume role arn:aws:iam::300000000002:role/OrganizationAccountAccessRole: AccessDenied: not authorized")
            : new AccountConnection(new FakeReader(account.Id)));

        var failed = Assert.Single(inventories, i => i.NotAssessed is not null);
        Assert.Equal("300000000002", failed.AccountId);
        Assert.Equal("Could not assume role arn:aws:iam::300000000002:role/OrganizationAccountAccessRole: AccessDenied: not authorized", failed.NotAssessed);
        Assert.Empty(failed.Calls);
        Assert.Equal("account-2", failed.Name);
        Assert.Equal(2, inventories.Count(i => i.NotAssessed is null && i.Calls.Count > 0));
    }

    [Fact]
    public async Task Credentials_that_fail_at_the_first_request_or_land_in_another_account_make_it_not_assessed()
    {
        var inventories = await Collect(Accounts(2), account => new AccountConnection(account.Id == "300000000001"
            ? new FakeReader(account.Id).OnAsync("sts", "GetCallerIdentity", (_, _) =>
                throw new NoCredentialsException("Could not assume role arn:aws:iam::300000000001:role/audit: AccessDenied: no"))
            : new FakeReader("399999999999")));

        Assert.Equal("Could not assume role arn:aws:iam::300000000001:role/audit: AccessDenied: no", inventories.Single(i => i.AccountId == "300000000001").NotAssessed);
        Assert.Equal("the credentials obtained for account 300000000002 belong to account 399999999999", inventories.Single(i => i.AccountId == "300000000002").NotAssessed);
    }

    [Fact]
    public async Task An_account_that_does_not_finish_in_time_is_not_assessed_and_the_others_are_not_held_up()
    {
        var time = new FakeTimeProvider();
        var options = new MultiAccountOptions { AccountTimeout = TimeSpan.FromMilliseconds(300), Time = time };

        var inventories = await Collect(Accounts(3), account => new AccountConnection(account.Id == "300000000003"
            ? new FakeReader(account.Id).OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
            {
                // Its read takes a second of the clock and would go on for minutes: the timeout cuts it at 0.3 s.
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromMinutes(5));
                return Ok("{}");
            })
            : new FakeReader(account.Id)), options);

        Assert.Equal("its collection did not finish within 0.3 s", inventories.Single(i => i.AccountId == "300000000003").NotAssessed);
        Assert.Equal(2, inventories.Count(i => i.NotAssessed is null));
    }

    [Fact]
    public async Task The_account_timeout_counts_the_account_s_own_collection_and_not_its_wait_for_a_place()
    {
        // One account in flight; each read moves the clock half a second. The fifth account waits for the four before
        // it, longer than the timeout, before its own reads start; its own work is far within the timeout.
        var time = new FakeTimeProvider();
        var options = new MultiAccountOptions { AccountTimeout = TimeSpan.FromSeconds(2.5), MaxAccountsInFlight = 1, MaxAccountsInMemory = 5, Time = time };
        var reading = new ConcurrentDictionary<string, int>();
        var own = new ConcurrentDictionary<string, double>();
        var overlapped = false;
        FakeReader Slow(string id) => new FakeReader(id).OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
        {
            reading.AddOrUpdate(id, 1, (_, n) => n + 1);
            overlapped |= reading.Count(p => p.Value > 0) > 1;
            time.Advance(TimeSpan.FromSeconds(0.5));
            own.AddOrUpdate(id, 0.5, (_, t) => t + 0.5);
            await Task.Yield();
            reading.AddOrUpdate(id, 0, (_, n) => n - 1);
            return Ok("""{"trailList":[]}""");
        });

        var inventories = await Collect(Accounts(5), account => new AccountConnection(Slow(account.Id)), options);

        Assert.All(inventories, i => Assert.Null(i.NotAssessed));
        Assert.False(overlapped, "each account's reads waited for the place of the account before it");
        var last = inventories.Single(i => i.AccountId == "300000000005");
        // The last account waited while the others' reads moved the clock past its timeout (the former rule cut it)...
        Assert.True(own.Where(p => p.Key != last.AccountId).Sum(p => p.Value) > options.AccountTimeout.TotalSeconds);
        // ...and each account's recorded time is its own reads' time, its wait not included.
        Assert.All(inventories, i => Assert.Equal(own[i.AccountId], i.CollectionSeconds));
    }

    [Fact]
    public async Task Requests_in_flight_across_all_accounts_stay_within_one_budget_and_so_do_accounts()
    {
        var requests = new Gauge();
        var accounts = new Gauge();
        var options = new MultiAccountOptions { MaxRequestsInFlight = 5, MaxAccountsInFlight = 4 };
        FakeReader Slow(string id) => new FakeReader(id).OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
        {
            using (requests.Enter())
                await Task.Delay(40);
            return Ok("""{"trailList":[]}""");
        });

        var inventories = await Collect(Accounts(12), account => new AccountConnection(Slow(account.Id), accounts.Enter()), options);

        Assert.Equal(12, inventories.Count(i => i.NotAssessed is null));
        Assert.InRange(requests.Max, 2, 5);
        // Accounts are held (connected) up to twice those in flight: the others wait for their event history only.
        Assert.InRange(accounts.Max, 2, options.AccountsHeldAtMost);
        Assert.Equal(8, options.AccountsHeldAtMost);
    }

    [Fact]
    public async Task Organization_reads_of_every_member_are_made_once_by_the_organization_s_reader()
    {
        var management = FakeOrganization.Management_();
        var members = new ConcurrentDictionary<string, FakeReader>();

        var inventories = await Collect(Accounts(4), account => new AccountConnection(members.GetOrAdd(account.Id, FakeOrganization.Member)),
            organization: new OrganizationReads(management));

        Assert.Single(management.Requests("organizations", "DescribeOrganization"));
        Assert.All(members.Values, m => Assert.Empty(m.Requests("organizations", "DescribeOrganization")));
        Assert.All(inventories, i => Assert.Contains(i.Calls, c => c.Operation == "DescribeOrganization" && c.Response is not null));
    }
}
