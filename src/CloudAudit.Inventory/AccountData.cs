using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Inventory;

/// <summary>
/// One account's inventory, indexed for lookup. Checks read it through typed views; every read
/// answers either with data or with the <see cref="DataGap"/> that explains its absence.
/// </summary>
public sealed class AccountData
{
    private readonly Dictionary<CallKey, ApiRecord> _byKey = new();
    private readonly Dictionary<(string Service, string Operation), List<ApiRecord>> _byOperation = new();
    private readonly Dictionary<CallKey, ApiRecord> _byWindowedKey = new();

    public AccountData(AccountInventory account)
    {
        AccountId = account.AccountId;
        Partition = string.IsNullOrEmpty(account.Partition) ? "aws" : account.Partition;
        Alias = account.Alias;
        Regions = account.Regions;
        foreach (var record in account.Calls)
        {
            _byKey[CallKey.Of(record.Region, record.Service, record.Operation, record.Params)] = record;
            if (WithoutWindow(record.Params) is { } filters)
                _byWindowedKey[CallKey.Of(record.Region, record.Service, record.Operation, filters)] = record;
            var key = (record.Service, record.Operation);
            if (!_byOperation.TryGetValue(key, out var list))
                _byOperation[key] = list = [];
            list.Add(record);
        }
    }

    public string AccountId { get; }
    public string Partition { get; }
    public string? Alias { get; }
    /// <summary>The regions in scope of the scan.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The stored result of a global call.</summary>
    public ApiResult Global(ApiCall call) => Lookup(AwsIds.GlobalRegion, call.Service, call.Operation, call.Parameters);

    /// <summary>The stored result of a regional call in one region.</summary>
    public ApiResult InRegion(ApiCall call, string region) => Lookup(region, call.Service, call.Operation, call.Parameters);

    /// <summary>The stored result of one per-resource request.</summary>
    public ApiResult ForTarget(ApiCall call, CallTarget target) => Lookup(target.Region, call.Service, call.Operation, target.Parameters);

    public ApiResult Lookup(string region, string service, string operation, JsonObject? parameters)
    {
        if (_byKey.TryGetValue(CallKey.Of(region, service, operation, parameters), out var record))
            return Result(record);
        return ApiResult.Failed(DataGap.NotCollected(region, service, operation, Describe(parameters)));
    }

    /// <summary>
    /// The stored result of a windowed call in one region, with the window it was read over: whatever window the
    /// collection used, since the window is chosen when collecting and judged as of the collection time.
    /// </summary>
    public WindowedResult InWindow(ApiCall call, string region)
    {
        if (!_byWindowedKey.TryGetValue(CallKey.Of(region, call.Service, call.Operation, call.Parameters), out var record))
            return new WindowedResult(ApiResult.Failed(DataGap.NotCollected(region, call.Service, call.Operation, Describe(call.Parameters))), null, null);
        return new WindowedResult(Result(record), Instant(record.Params, ApiCall.WindowStart), Instant(record.Params, ApiCall.WindowEnd));
    }

    /// <summary>The parameters of a record read over a time window, without the window; null for other records.</summary>
    private static JsonObject? WithoutWindow(JsonObject? parameters)
    {
        if (parameters is null || !parameters.ContainsKey(ApiCall.WindowStart) || !parameters.ContainsKey(ApiCall.WindowEnd))
            return null;
        var filters = parameters.DeepClone().AsObject();
        filters.Remove(ApiCall.WindowStart);
        filters.Remove(ApiCall.WindowEnd);
        return filters;
    }

    private static DateTimeOffset? Instant(JsonObject? parameters, string member) =>
        parameters?[member] is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant)
            ? instant : null;

    /// <summary>A stored record as a result: its response, its error, or the part read with the gap of the rest.</summary>
    public static ApiResult Result(ApiRecord record)
    {
        if (record.Error is { } error)
            return ApiResult.Failed(new DataGap(record.Region, record.Service, record.Operation, error.Kind, error.Code, error.Message, Describe(record.Params)));
        if (record.Incomplete is { } cut)
            return ApiResult.Partial(record.Response!, new DataGap(record.Region, record.Service, record.Operation, cut.Kind, cut.Code,
                cut.Message, Describe(record.Params)));
        return ApiResult.Ok(record.Response!);
    }

    /// <summary>Every stored record of an operation, whatever its parameters or region.</summary>
    public IReadOnlyList<ApiRecord> Records(string service, string operation) =>
        _byOperation.TryGetValue((service, operation), out var list) ? list : [];

    /// <summary>The concrete requests a per-resource call implies, from the stored parent responses.</summary>
    public IEnumerable<(CallTarget Target, ApiRecord Parent)> TargetsOf(ApiCall call)
    {
        if (call.Parent is null || call.Targets is null)
            yield break;
        foreach (var parent in ParentRecords(call.Parent))
        {
            if (parent.Response is null) continue;
            var context = new ParentResponse(AccountId, Partition, parent.Region, parent.Params, parent.Response, Regions);
            foreach (var target in call.Targets(context))
                yield return (target, parent);
        }
    }

    private IEnumerable<ApiRecord> ParentRecords(ApiCall parent) => parent.Scope switch
    {
        CallScope.Global => Records(parent.Service, parent.Operation).Where(r => r.Region == AwsIds.GlobalRegion),
        CallScope.Regional => Regions.Select(region => _byKey.GetValueOrDefault(
            CallKey.Of(region, parent.Service, parent.Operation, parent.Parameters))).OfType<ApiRecord>(),
        _ => TargetsOf(parent).Select(t => _byKey.GetValueOrDefault(
            CallKey.Of(t.Target.Region, parent.Service, parent.Operation, t.Target.Parameters))).OfType<ApiRecord>(),
    };

    private static string? Describe(JsonObject? parameters) =>
        parameters is null || parameters.Count == 0 ? null : CallKey.Canonical(parameters);
}

/// <summary>A windowed call's stored result and the window it covers (null when it was not collected).</summary>
public sealed record WindowedResult(ApiResult Result, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>
/// A stored response, or the gap that stands in its place. A read that stopped early has both: the part read and
/// the gap of the rest; views that cannot judge part of an answer take the gap alone.
/// </summary>
public readonly record struct ApiResult(JsonNode? Response, DataGap? Gap)
{
    public static ApiResult Ok(JsonNode response) => new(response, null);
    public static ApiResult Failed(DataGap gap) => new(null, gap);
    public static ApiResult Partial(JsonNode response, DataGap rest) => new(response, rest);
    public bool IsOk => Gap is null;
}

/// <summary>
/// Why some data is missing: the call failed (with the AWS error) or was never collected.
/// Checks carry gaps into their results, so "no data" is never reported as "no problem".
/// </summary>
public sealed record DataGap(string Region, string Service, string Operation, ErrorKind? Kind, string? Code, string Message, string? Target = null)
{
    public static DataGap NotCollected(string region, string service, string operation, string? target = null) =>
        new(region, service, operation, null, null, "not collected in this inventory", target);

    /// <summary>A gap that is not an error but a stated limit (e.g. a log group owned by another account).</summary>
    public static DataGap OutOfReach(string region, string service, string operation, string reason, string? target = null) =>
        new(region, service, operation, ErrorKind.Unsupported, "OutOfReach", reason, target);

    /// <summary>A question the data cannot answer (an alarm whose firing depends on the account's own events).</summary>
    public static DataGap NotDecidable(string region, string service, string operation, string reason, string? target = null) =>
        new(region, service, operation, ErrorKind.Unsupported, "NotDecidable", reason, target);

    /// <summary>A stored policy document the policy engine cannot parse: the resource it governs is not assessed.</summary>
    public static DataGap UnreadablePolicy(string region, string service, string operation, string name, string error) =>
        OutOfReach(region, service, operation, $"policy {name} could not be parsed: {error}", name);

    public string Cause => Kind switch
    {
        null => "not collected",
        ErrorKind.AccessDenied => "access denied",
        ErrorKind.Throttled => "throttled",
        ErrorKind.NotAvailableInRegion => "not available in region",
        ErrorKind.OptInRequired => "region not enabled",
        ErrorKind.NotFound => "not found",
        ErrorKind.Timeout => "timed out",
        ErrorKind.Unsupported => "not assessable",
        ErrorKind.Truncated => "read only in part",
        _ => "error",
    };

    public override string ToString()
    {
        var what = Target is null ? $"{Service}:{Operation}" : $"{Service}:{Operation} {Target}";
        var code = Code is null ? "" : $" ({Code})";
        return $"{Region}: {what} {Cause}{code}: {Message}";
    }
}
