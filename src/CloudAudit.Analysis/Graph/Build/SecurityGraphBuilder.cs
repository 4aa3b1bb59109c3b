using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Builds one account's security graph from its inventory and its findings, layer by layer: identity, network,
/// compute, agents and inference endpoints, data. It makes no AWS call and reads only what the inventory holds; what is missing is recorded
/// as a gap of the graph, never guessed.
/// </summary>
public static class SecurityGraphBuilder
{
    /// <param name="findings">The account's active and folded findings: evidence points at them, nodes carry them.</param>
    /// <param name="escalationAnalysed">Whether aws-iam-018 ran, so its shared escalation analysis can be read.</param>
    public static SecurityGraph Build(CheckContext context, IReadOnlyList<AnalyzedFinding> findings, bool escalationAnalysed) =>
        BuildWithAgents(context, findings, escalationAnalysed).Graph;

    /// <summary>The graph, and the AI agents its agent layer found (the report's <c>agents[]</c>).</summary>
    public static (SecurityGraph Graph, IReadOnlyList<Agents.AgentIdentity> Agents) BuildWithAgents(CheckContext context,
        IReadOnlyList<AnalyzedFinding> findings, bool escalationAnalysed)
    {
        var g = new GraphDraft(context.AccountId, context.Partition, new FindingIndex(findings));
        g.Node(SecurityGraph.InternetId, NodeType.Internet, "Internet", AwsIds.GlobalRegion);
        g.Node(g.AccountNode, NodeType.Account, $"account {context.AccountId}", AwsIds.GlobalRegion);
        foreach (var region in context.Regions)
            g.Node(SecurityGraph.RegionNodeId(context.AccountId, region), NodeType.Region, region, region);

        var access = new AccessFacts(context, escalationAnalysed);
        var identity = IdentityLayer.Add(g, access, OrganizationAccounts(context));
        var networks = context.Regions.ToDictionary(r => r, r => NetworkLayer.Add(g, context.Data, r), StringComparer.Ordinal);
        ComputeLayer.Add(g, context, networks, identity);
        var agents = AgentLayer.Add(g, context.Data, identity, access);
        InferenceEndpoints.Add(g, context.Data, identity);
        var data = DataLayer.Add(g, context);
        if (access.Gap is null)
        {
            data.AccessBy(FirstFoothold(g).Select(access.Entity).OfType<global::CloudAudit.Access.Principals.IamEntity>(), access);
            ModelInvocation.Add(g, access, context.Regions);
        }
        return (g.Freeze(findings), AgentEntryPoints.Add(g, agents));
    }

    /// <summary>The accounts of the scanned account's organization the inventory names: the management account and the listed members.</summary>
    private static IEnumerable<string> OrganizationAccounts(CheckContext context)
    {
        var view = context.Data.ResourcePolicies();
        var organization = view.Organization().Value;
        if (organization?.MasterAccountId is { } management) yield return management;
        foreach (var account in view.OrganizationAccounts().Value?.Accounts ?? []) yield return account.Id;
    }

    /// <summary>Roles an attacker gets before any escalation: those workloads run as, and those assumable from outside the account.</summary>
    private static IEnumerable<string> FirstFoothold(GraphDraft g) =>
        g.EdgesOf(EdgeType.RunsAs).Select(e => e.Target)
            .Concat(g.EdgesOf(EdgeType.CanAssume).Where(e => g.TypeOf(e.Source) is NodeType.OidcProvider or NodeType.ExternalAccount or NodeType.AnyPrincipal)
                .Select(e => e.Target))
            .Distinct(StringComparer.Ordinal);
}
