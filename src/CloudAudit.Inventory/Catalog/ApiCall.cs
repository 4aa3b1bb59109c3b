using System.Text.Json.Nodes;

namespace CloudAudit.Inventory.Catalog;

public enum CallScope
{
    /// <summary>Called once per account against the service's global endpoint; stored under region "global".</summary>
    Global,
    /// <summary>Called once in every scanned region.</summary>
    Regional,
    /// <summary>Called once per target derived from a parent call's response (per trail, per log group …).</summary>
    PerResource,
}

/// <summary>
/// A read that checks depend on. Checks declare the calls they read; the collector plans the
/// closure (parents first), deduplicates identical calls and runs them. The same object is the
/// key that typed views use to find the stored responses, so declaration and lookup cannot drift.
/// </summary>
public sealed class ApiCall
{
    private ApiCall(string service, string operation, CallScope scope, JsonObject? parameters, ApiCall? parent,
        Func<ParentResponse, IEnumerable<CallTarget>>? targets)
    {
        Service = service;
        Operation = operation;
        Scope = scope;
        Parameters = parameters;
        Parent = parent;
        Targets = targets;
    }

    /// <summary>Service name as in the AWS CLI and the service models (cloudtrail, logs, s3control …).</summary>
    public string Service { get; }
    /// <summary>Operation name as in the service model (DescribeTrails).</summary>
    public string Operation { get; }
    public CallScope Scope { get; }
    /// <summary>Fixed request parameters of a global or regional call.</summary>
    public JsonObject? Parameters { get; }
    public ApiCall? Parent { get; }
    /// <summary>For per-resource calls: the calls to make for one parent response.</summary>
    public Func<ParentResponse, IEnumerable<CallTarget>>? Targets { get; }

    public static ApiCall Global(string service, string operation, JsonObject? parameters = null) =>
        new(service, operation, CallScope.Global, parameters, null, null);

    public static ApiCall Regional(string service, string operation, JsonObject? parameters = null) =>
        new(service, operation, CallScope.Regional, parameters, null, null);

    public static ApiCall PerResource(ApiCall parent, string service, string operation,
        Func<ParentResponse, IEnumerable<CallTarget>> targets) =>
        new(service, operation, CallScope.PerResource, null, parent, targets);

    /// <summary>This call and all its ancestors, ancestors first.</summary>
    public IEnumerable<ApiCall> WithAncestors()
    {
        var chain = new Stack<ApiCall>();
        for (var c = this; c is not null; c = c.Parent)
            chain.Push(c);
        return chain;
    }

    public override string ToString() => $"{Service}:{Operation}";
}

/// <summary>One concrete request of a per-resource call: where to send it and with what parameters.</summary>
public sealed record CallTarget(string Region, JsonObject? Parameters);

/// <summary>What a per-resource call sees of its parent: the stored response and where it came from.</summary>
public sealed record ParentResponse(string AccountId, string Partition, string Region, JsonObject? Parameters,
    JsonNode Response, IReadOnlyList<string> ScannedRegions);
