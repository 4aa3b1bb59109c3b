using System.Text.Json.Nodes;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection;

/// <summary>
/// What the collector needs from the transport: one read and where a service runs. <see cref="AwsClientReader"/>
/// is the real one; tests give a fake.
/// </summary>
public interface IAwsReader
{
    Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input, CallOptions? options,
        CancellationToken cancellation);

    RegionAvailability Availability(string service, string region);

    /// <summary>How many reads of a service in a region are worth having in flight now (fewer once it throttles).</summary>
    int UsefulInFlight(string service, string region) => int.MaxValue;

    /// <summary>Whether a read may take several requests, one after another (it follows a paginator).</summary>
    bool IsPaginated(string service, string operation) => false;

    /// <summary>Gets ready to read these services (loads what it needs), ahead of the reads; called off their path.</summary>
    void Prepare(IReadOnlyCollection<string> services)
    {
    }
}

/// <summary>Reads through an <see cref="AwsClient"/>: its retries, rate limits and read-only guard apply.</summary>
public sealed class AwsClientReader(AwsClient client) : IAwsReader
{
    public Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input, CallOptions? options,
        CancellationToken cancellation) =>
        client.ReadAsync(service, region, operation, input, options, cancellation);

    public RegionAvailability Availability(string service, string region) => AwsClient.Availability(service, region);

    public int UsefulInFlight(string service, string region) => client.UsefulInFlight(service, region);

    public bool IsPaginated(string service, string operation) => AwsClient.IsPaginated(service, operation);

    public void Prepare(IReadOnlyCollection<string> services) => AwsClient.Prepare(services);
}
