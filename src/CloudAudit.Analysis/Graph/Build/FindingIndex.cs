using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>The findings of one account that the graph takes part in (active and folded), looked up by check and resource.</summary>
internal sealed class FindingIndex
{
    private readonly Dictionary<(string CheckId, string ResourceId), FindingRef> _byResource = [];

    public FindingIndex(IReadOnlyList<AnalyzedFinding> findings)
    {
        All = findings;
        foreach (var f in findings)
            _byResource.TryAdd((f.Finding.CheckId, f.Finding.ResourceId), FindingRef.Of(f));
    }

    public IReadOnlyList<AnalyzedFinding> All { get; }

    public FindingRef? For(string checkId, string resourceId) => _byResource.GetValueOrDefault((checkId, resourceId));

    /// <summary>The first of several checks that reports the resource (aws-vpc-002 or aws-vpc-007 for one open rule).</summary>
    public FindingRef? ForAny(string resourceId, params string[] checkIds) =>
        checkIds.Select(c => For(c, resourceId)).FirstOrDefault(f => f is not null);
}

/// <summary>
/// Which node a finding belongs to. Checks name resources as AWS does (an instance ID, a rule as "sg-1/sgr-2",
/// a policy attachment as "role-arn#policy", a path as "principal-arn#path"); this maps each onto its graph node.
/// Findings about a region or the account as a whole go to the region or account node.
/// </summary>
internal static class FindingPlacement
{
    public static string NodeFor(Finding finding, GraphDraft draft)
    {
        var id = finding.ResourceId;
        if (draft.Resolve(id) is { } direct) return direct;
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0 && draft.Resolve(id[..hash]) is { } owner) return owner;
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && !id.StartsWith("arn:", StringComparison.Ordinal) && draft.Resolve(id[..slash]) is { } parent) return parent;
        if (id == draft.AccountId) return draft.AccountNode;
        var regional = finding.Region != AwsIds.GlobalRegion && draft.Has(SecurityGraph.RegionNodeId(draft.AccountId, finding.Region));
        return regional ? SecurityGraph.RegionNodeId(draft.AccountId, finding.Region) : draft.AccountNode;
    }
}
