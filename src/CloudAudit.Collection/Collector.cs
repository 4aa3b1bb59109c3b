using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection;

/// <summary>
/// Collects the inventory a set of checks needs from one AWS account: identifies the account, settles the
/// regions, then runs the planned calls (see <see cref="CollectionRun"/>) and returns a live snapshot.
/// </summary>
public sealed class Collector(IAwsReader reader, CollectorOptions? options = null)
{
    private static readonly string[] EnabledOptInStatuses = ["opt-in-not-required", "opted-in"];
    private readonly CollectorOptions options = options ?? new CollectorOptions();

    /// <param name="calls">The calls the selected checks read (ancestors are added when missing).</param>
    /// <exception cref="CollectionException">The account cannot be identified or its regions listed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is returned.</exception>
    public async Task<InventorySnapshot> CollectAsync(IEnumerable<ApiCall> calls, RegionSelection selection,
        CancellationToken cancellation = default)
    {
        var collectedAt = options.Clock();
        // The plan, and what the reader needs to send its calls (service models, endpoints), are made ready while the
        // identity call is in flight: no other request goes before the account is known, but the work can.
        var preparing = Task.Run(() =>
        {
            var plan = new CollectionPlan(calls);
            reader.Prepare(plan.Calls.Select(c => c.Service).Distinct(StringComparer.Ordinal).ToList());
            return plan;
        }, CancellationToken.None);
        var identity = await IdentifyAsync(cancellation).ConfigureAwait(false);
        var accountId = (string)identity.Response!["Account"]!;
        var partition = AwsClient.PartitionOf(selection.HomeRegion);
        var regions = await RegionsAsync(selection, partition, cancellation).ConfigureAwait(false);
        var foreign = regions.FirstOrDefault(r => AwsClient.PartitionOf(r) != partition);
        if (foreign is not null)
            throw new CollectionException($"region {foreign} is not in partition {partition} (of {selection.HomeRegion}); scan one partition at a time");

        var run = new CollectionRun(reader, options, await preparing.ConfigureAwait(false), accountId, partition, regions, collectedAt, cancellation);
        var records = await run.RunAsync([(S3Calls.GetCallerIdentity, identity)]).ConfigureAwait(false);
        return new InventorySnapshot
        {
            ToolVersion = options.ToolVersion,
            CollectedAt = collectedAt,
            Source = "live",
            Accounts = [new AccountInventory { AccountId = accountId, Partition = partition, Regions = regions.ToList(), Calls = InStableOrder(records) }],
        };
    }

    private async Task<ApiRecord> IdentifyAsync(CancellationToken cancellation)
    {
        Report("sts", CallState.Planned);
        var result = await reader.ReadAsync("sts", AwsIds.GlobalRegion, "GetCallerIdentity", null, null, cancellation).ConfigureAwait(false);
        if (result.Failure is { } failure || (string?)result.Response!["Account"] is not { } account || !AwsIds.IsAccountId(account))
        {
            Report("sts", CallState.Failed);
            var why = result.Failure is { } f ? $"{f.Code}: {f.Message}" : "the answer names no account";
            throw new CollectionException($"cannot identify the AWS account (sts:GetCallerIdentity {why})");
        }
        Report("sts", CallState.Done);
        return new ApiRecord
        {
            Region = AwsIds.GlobalRegion, Service = "sts", Operation = "GetCallerIdentity", Response = result.Response,
        };
    }

    /// <summary>The regions as given, the home region by default, or every region enabled for the account.</summary>
    private async Task<IReadOnlyList<string>> RegionsAsync(RegionSelection selection, string partition, CancellationToken cancellation)
    {
        if (!selection.AllEnabled)
            return selection.Regions.Count > 0 ? selection.Regions.Distinct().ToList() : [selection.HomeRegion];
        var filter = new JsonObject
        {
            ["Filters"] = new JsonArray(new JsonObject
            {
                ["Name"] = "opt-in-status",
                ["Values"] = new JsonArray(EnabledOptInStatuses.Select(s => (JsonNode)s).ToArray()),
            }),
        };
        var result = await reader.ReadAsync("ec2", selection.HomeRegion, "DescribeRegions", filter, null, cancellation).ConfigureAwait(false);
        if (result.Failure is { } failure)
            throw new CollectionException($"cannot list the account's regions for --regions all (ec2:DescribeRegions {failure.Code}: {failure.Message}); name them with --regions");
        // Filtered again here: emulators ignore the filter, and list other partitions' regions too.
        var enabled = JsonParams.Items(result.Response, "Regions")
            .Where(r => r.Str("OptInStatus") is null or "opt-in-not-required" or "opted-in")
            .Select(r => r.Str("RegionName")).OfType<string>()
            .Where(r => AwsClient.PartitionOf(r) == partition)
            .Order(StringComparer.Ordinal).ToList();
        return enabled.Count > 0 ? enabled
            : throw new CollectionException("ec2:DescribeRegions listed no enabled region; name the regions with --regions");
    }

    private void Report(string service, CallState state) =>
        options.OnProgress?.Invoke(new CallProgress(service, AwsIds.GlobalRegion, "GetCallerIdentity", state));

    /// <summary>Records in a stable order (service, operation, region, parameters), so equal inventories save equal.</summary>
    private static List<ApiRecord> InStableOrder(IEnumerable<ApiRecord> records) => records
        .Select(r => (Record: r, Params: CallKey.Canonical(r.Params)))
        .OrderBy(r => r.Record.Service, StringComparer.Ordinal)
        .ThenBy(r => r.Record.Operation, StringComparer.Ordinal)
        .ThenBy(r => r.Record.Region, StringComparer.Ordinal)
        .ThenBy(r => r.Params, StringComparer.Ordinal)
        .Select(r => r.Record).ToList();
}
