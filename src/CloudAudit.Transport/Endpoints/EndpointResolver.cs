using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Endpoints;

/// <summary>Where a call goes and how it is signed.</summary>
/// <param name="IsCustom">A user-given endpoint (emulator, proxy): S3 uses path-style and host prefixes are skipped.</param>
internal sealed record ResolvedEndpoint(Uri Url, string SigningRegion, string SigningName, string Partition, bool IsCustom);

public enum RegionAvailability
{
    Available,
    /// <summary>The endpoints data lists the service in this partition, but not in this region.</summary>
    NotAvailable,
    /// <summary>The endpoints data does not list the service (newer services): try the call.</summary>
    Unknown,
}

/// <summary>
/// Endpoint resolution from botocore's endpoints and partitions data: regional endpoints, global (partition)
/// endpoints of services such as IAM and Organizations, credential scopes, and custom endpoint URLs.
/// </summary>
internal sealed class EndpointResolver
{
    /// <summary>The region name that means "the service's global endpoint".</summary>
    public const string Global = "global";

    private readonly IReadOnlyList<PartitionData> partitions;

    private EndpointResolver(IReadOnlyList<PartitionData> partitions) => this.partitions = partitions;

    public static EndpointResolver Default { get; } = Load();

    public string PartitionOf(string region) => Find(region).Name;

    /// <summary>The region a partition's global calls are signed for and routed to when the service has no global endpoint.</summary>
    public string GlobalRegionOf(string partition) =>
        partitions.FirstOrDefault(p => p.Name == partition)?.ImplicitGlobalRegion ?? "us-east-1";

    /// <param name="region">A region, or "global" for the service's global endpoint.</param>
    /// <param name="homeRegion">Picks the partition of a global call.</param>
    /// <param name="customEndpoint">An endpoint URL given by the user, if any.</param>
    public ResolvedEndpoint Resolve(ServiceModel service, string region, string homeRegion, Uri? customEndpoint = null)
    {
        var partition = Find(region == Global ? homeRegion : region);
        var signingName = service.Metadata.SigningName;
        if (customEndpoint is not null)
        {
            var signingRegion = region == Global ? partition.ImplicitGlobalRegion : region;
            return new ResolvedEndpoint(customEndpoint, signingRegion, signingName, partition.Name, IsCustom: true);
        }

        var prefix = service.Metadata.EndpointPrefix;
        var data = partition.Services.GetValueOrDefault(prefix);
        var endpointKey = EndpointKey(data, partition, region);
        var entry = endpointKey is null ? null : data?["endpoints"]?[endpointKey];
        var regionName = endpointKey ?? (region == Global ? partition.ImplicitGlobalRegion : region);
        var hostTemplate = (string?)entry?["hostname"] ?? (string?)data?["hostname"] ?? partition.HostTemplate;
        var host = hostTemplate.Replace("{service}", prefix, StringComparison.Ordinal)
            .Replace("{region}", regionName, StringComparison.Ordinal)
            .Replace("{dnsSuffix}", partition.DnsSuffix, StringComparison.Ordinal);
        var scope = entry?["credentialScope"] ?? data?["credentialScope"];
        var signing = (string?)scope?["region"] ?? (region == Global ? partition.ImplicitGlobalRegion : region);
        return new ResolvedEndpoint(new Uri($"https://{host}"), signing, (string?)scope?["service"] ?? signingName, partition.Name, IsCustom: false);
    }

    /// <summary>Whether a service runs in a region, as far as the endpoints data knows (NOT APPLICABLE when it does not).</summary>
    public RegionAvailability Availability(string service, string region)
    {
        var prefix = ModelStore.AllOperations.TryGetValue(service, out var entry) ? entry.EndpointPrefix : service;
        if (region == Global)
            return RegionAvailability.Available;
        var partition = Find(region);
        if (!partition.Services.TryGetValue(prefix, out var data))
            return RegionAvailability.Unknown;
        if ((bool?)data["isRegionalized"] == false || data["endpoints"]?[region] is not null)
            return RegionAvailability.Available;
        return RegionAvailability.NotAvailable;
    }

    /// <summary>
    /// The endpoints-data key to use: a non-regionalized service always uses its partition endpoint; a global
    /// call uses the partition endpoint or the "{partition}-global" entry (sts, s3) when there is one.
    /// </summary>
    private static string? EndpointKey(JsonNode? data, PartitionData partition, string region)
    {
        var partitionEndpoint = (string?)data?["partitionEndpoint"];
        if (partitionEndpoint is not null && ((bool?)data?["isRegionalized"] == false || region == Global))
            return partitionEndpoint;
        if (region != Global)
            return data?["endpoints"]?[region] is not null ? region : null;
        var globalKey = partition.Name + "-global";
        return data?["endpoints"]?[globalKey] is not null ? globalKey : null;
    }

    private PartitionData Find(string region) =>
        partitions.FirstOrDefault(p => p.Regions.Contains(region))
        ?? partitions.FirstOrDefault(p => p.RegionRegex.IsMatch(region))
        ?? partitions[0];

    private static EndpointResolver Load()
    {
        var endpoints = ModelStore.Load("endpoints.json.gz")!["partitions"]!.AsArray();
        var implicitGlobal = ModelStore.Load("partitions.json.gz")!["partitions"]!.AsArray()
            .ToDictionary(p => (string)p!["id"]!, p => (string?)p!["outputs"]?["implicitGlobalRegion"]);
        var list = endpoints.Select(p => new PartitionData(
            (string)p!["partition"]!,
            (string)p["dnsSuffix"]!,
            (string)p["hostname"]!,
            new Regex((string)p["regionRegex"]!, RegexOptions.CultureInvariant),
            p["regions"]!.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal),
            implicitGlobal.GetValueOrDefault((string)p["partition"]!) ?? "us-east-1",
            p["services"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal))).ToList();
        return new EndpointResolver(list);
    }

    private sealed record PartitionData(string Name, string DnsSuffix, string HostTemplate, Regex RegionRegex,
        HashSet<string> Regions, string ImplicitGlobalRegion, Dictionary<string, JsonNode> Services);
}
