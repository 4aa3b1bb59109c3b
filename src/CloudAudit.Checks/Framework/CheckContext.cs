using System.Collections.Concurrent;
using CloudAudit.Inventory;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// What a check evaluates: one account's inventory and the scan's clock. Derived analyses shared by
/// several checks (the trail → metric filter → alarm chain read by fifteen CIS checks) are computed
/// once per account through <see cref="Shared{T}"/>.
/// </summary>
public sealed class CheckContext(AccountData data, DateTimeOffset now)
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _shared = new();

    public AccountData Data { get; } = data;
    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// Whether this is the organization's data, read by the caller of an <c>--organization</c> scan for the checks it
    /// evaluates once (the caller has proven it may read the organization), rather than one account's own scan.
    /// </summary>
    public bool OrganizationScope { get; init; }
    public string AccountId => Data.AccountId;
    public string Partition => Data.Partition;
    public IReadOnlyList<string> Regions => Data.Regions;

    public T Shared<T>(Func<CheckContext, T> build) where T : class =>
        (T)_shared.GetOrAdd(typeof(T), _ => new Lazy<object>(() => build(this))).Value;
}
