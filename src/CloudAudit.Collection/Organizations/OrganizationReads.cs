using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection.Organizations;

/// <summary>
/// The organization's own data (DescribeOrganization, ListAccounts, the SCPs above each account …) read once, by
/// the account that may read it (the management account or a delegated administrator), for every member. A member
/// is refused these reads with its own credentials; through this, each member's checks see its SCPs and its siblings.
/// Identical reads for several members (the same OU's policies, the same SCP's text) are made once.
/// </summary>
public sealed class OrganizationReads(IAwsReader organizationReader)
{
    public const string Service = "organizations";

    private readonly ConcurrentDictionary<CallKey, Lazy<Task<CallResult>>> answers = new();

    /// <summary>A reader for one member: organizations calls come from here, everything else from <paramref name="member"/>.</summary>
    public IAwsReader For(IAwsReader member) => new Routed(this, member);

    private Task<CallResult> ReadAsync(string region, string operation, JsonObject? input, CallOptions? options, CancellationToken cancellation)
    {
        var key = CallKey.Of(region, Service, operation, input);
        var answer = answers.GetOrAdd(key, _ => new Lazy<Task<CallResult>>(() =>
            organizationReader.ReadAsync(Service, region, operation, input?.DeepClone().AsObject(), options, CancellationToken.None)));
        return answer.Value.WaitAsync(cancellation);
    }

    private sealed class Routed(OrganizationReads organization, IAwsReader member) : IAwsReader
    {
        public Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input, CallOptions? options,
            CancellationToken cancellation) =>
            service == Service
                ? organization.ReadAsync(region, operation, input, options, cancellation)
                : member.ReadAsync(service, region, operation, input, options, cancellation);

        public RegionAvailability Availability(string service, string region) => member.Availability(service, region);

        public int UsefulInFlight(string service, string region) => member.UsefulInFlight(service, region);

        public bool IsPaginated(string service, string operation) => member.IsPaginated(service, operation);

        public void Prepare(IReadOnlyCollection<string> services) => member.Prepare(services);
    }
}
