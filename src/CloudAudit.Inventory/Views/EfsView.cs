using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record FileSystem(
    string FileSystemId,
    string? FileSystemArn,
    string? OwnerId,
    string? Name,
    string? LifeCycleState,
    bool? Encrypted,
    string? KmsKeyId,
    string? PerformanceMode,
    string? ThroughputMode,
    string? AvailabilityZoneName)
{
    /// <summary>Deleted or being deleted: nothing left to fix.</summary>
    public bool Gone => LifeCycleState is "deleting" or "deleted";
}

public sealed record DescribeFileSystemsResponse(List<FileSystem>? FileSystems);

/// <summary>EFS as checks see it.</summary>
public sealed class EfsView(AccountData data)
{
    public Gathered<Located<FileSystem>> FileSystems() =>
        RegionalListing.Gather(data, EfsCalls.DescribeFileSystems, EfsJson.Default.DescribeFileSystemsResponse, r => r.FileSystems);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeFileSystemsResponse))]
internal sealed partial class EfsJson : JsonSerializerContext;
