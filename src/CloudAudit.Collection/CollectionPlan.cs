using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Collection;

/// <summary>
/// The calls to make, as a forest: global and regional calls are roots, per-resource calls hang under their
/// parent. Each call's height (its longest chain of dependents) orders the work so that the longest
/// dependency chains start first.
/// </summary>
public sealed class CollectionPlan
{
    private readonly Dictionary<ApiCall, List<ApiCall>> children = new();
    private readonly Dictionary<ApiCall, int> heights = new();

    public CollectionPlan(IEnumerable<ApiCall> calls)
    {
        var all = calls.SelectMany(c => c.WithAncestors()).Distinct().ToList();
        foreach (var call in all)
        {
            children.TryAdd(call, []);
            if (call.Parent is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                    children[parent] = list = [];
                list.Add(call);
            }
        }
        Calls = all;
        Roots = all.Where(c => c.Parent is null).ToList();
        foreach (var call in all)
            ComputeHeight(call);
    }

    /// <summary>Every planned call, ancestors included.</summary>
    public IReadOnlyList<ApiCall> Calls { get; }

    /// <summary>Global and regional calls: those that need no parent response.</summary>
    public IReadOnlyList<ApiCall> Roots { get; }

    public IReadOnlyList<ApiCall> ChildrenOf(ApiCall call) => children.GetValueOrDefault(call) ?? [];

    public bool Contains(string service, string operation) =>
        Calls.Any(c => c.Service == service && c.Operation == operation);

    /// <summary>0 for a call nothing depends on; 1 + the tallest child otherwise.</summary>
    public int Height(ApiCall call) => heights.GetValueOrDefault(call);

    private int ComputeHeight(ApiCall call)
    {
        if (heights.TryGetValue(call, out var known))
            return known;
        var height = ChildrenOf(call).Select(c => ComputeHeight(c) + 1).DefaultIfEmpty(0).Max();
        heights[call] = height;
        return height;
    }
}
