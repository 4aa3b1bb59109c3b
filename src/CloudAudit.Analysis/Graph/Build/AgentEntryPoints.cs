using CloudAudit.Analysis.Agents;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// How each agent is reached, said on the report's <c>agents[]</c> once every layer's edges are in: the internet's
/// reachable_from_internet edge (a gateway with no authorizer), the principals whose can_invoke edge the engine
/// decided (and whether a workload the internet reaches runs as one of them), the outside parties a resource policy
/// admits (anyone, which any AWS account's credentials satisfy, or another account), and the identity provider whose tokens
/// a JWT authorizer accepts. Nothing here is guessed: each entry repeats the evidence of an edge or the authorizer's
/// own configuration.
/// </summary>
internal static class AgentEntryPoints
{
    /// <summary>A JWT authorizer's entry: whoever the provider gives a token that passes its audience, client and scope lists.</summary>
    public static IReadOnlyList<AgentEntryPoint> Jwt(CustomJwtAuthorizer? jwt)
    {
        if (jwt?.DiscoveryUrl is not { } url) return [];
        var limits = new List<string>();
        if (jwt.AllowedAudience is { Count: > 0 } audience) limits.Add($"audience {string.Join(", ", audience)}");
        if (jwt.AllowedClients is { Count: > 0 } clients) limits.Add($"client {string.Join(", ", clients)}");
        if (jwt.AllowedScopes is { Count: > 0 } scopes) limits.Add($"scope {string.Join(", ", scopes)}");
        var detail = $"bearer tokens of the identity provider at {url}"
            + (limits.Count > 0 ? $", limited to {string.Join("; ", limits)}" : ", with no audience, client or scope limit: any token it issues");
        return [new AgentEntryPoint { Kind = AgentEntryPoint.JwtIssuer, From = url, Detail = detail }];
    }

    public static IReadOnlyList<AgentIdentity> Add(GraphDraft g, IReadOnlyList<AgentIdentity> agents)
    {
        if (agents.Count == 0) return agents;
        var invokers = g.EdgesOf(EdgeType.CanInvoke).ToLookup(e => e.Target, e => e.Source, StringComparer.Ordinal);
        var exposed = ExposedWorkloadsByRole(g);
        return [.. agents.Select(agent => agent with
        {
            // The roles the agent runs as may invoke it, and an administrator may invoke anything: neither is a way in
            // worth naming (the can_invoke edges stay in the graph).
            EntryPoints = [.. Internet(g, agent.Arn), .. Principals(g, agent.Arn,
                invokers[agent.Arn].Except(agent.PrincipalArns).Where(p => !g.HasEdge(p, g.AccountNode, EdgeType.AdminOf)), exposed), .. agent.EntryPoints],
        })];
    }

    private static IEnumerable<AgentEntryPoint> Internet(GraphDraft g, string agent) =>
        g.EvidenceOf(SecurityGraph.InternetId, agent, EdgeType.ReachableFromInternet).Take(1).Select(e => new AgentEntryPoint
        {
            Kind = AgentEntryPoint.Internet, From = SecurityGraph.InternetId, Detail = e.Detail, InternetReachable = true,
        });

    private static IEnumerable<AgentEntryPoint> Principals(GraphDraft g, string agent, IEnumerable<string> principals, ILookup<string, string> exposed)
    {
        foreach (var principal in principals)
        {
            var grant = g.EvidenceOf(principal, agent, EdgeType.CanInvoke).FirstOrDefault()?.Detail ?? "";
            var workloads = exposed[principal].ToList();
            // Anyone ("*") in a resource policy: whoever on the internet holds credentials of any AWS account can sign the call.
            var anyone = principal == "*";
            yield return new AgentEntryPoint
            {
                Kind = AgentEntryPoint.Principal, From = principal, InternetReachable = workloads.Count > 0 || anyone,
                Detail = anyone ? $"{grant}: anyone on the internet with credentials of any AWS account can sign the call"
                    : workloads.Count == 0 ? grant : $"{grant}; the internet reaches {string.Join(", ", workloads)}, which runs as it",
            };
        }
    }

    /// <summary>Role → the workloads the internet reaches that run as it, directly or through an ECS service's task definition.</summary>
    private static ILookup<string, string> ExposedWorkloadsByRole(GraphDraft g)
    {
        var reached = g.EdgesOf(EdgeType.ReachableFromInternet).Where(e => e.Source == SecurityGraph.InternetId)
            .Select(e => e.Target).ToHashSet(StringComparer.Ordinal);
        var services = g.EdgesOf(EdgeType.RunsTask).Where(e => reached.Contains(e.Source)).ToLookup(e => e.Target, e => e.Source, StringComparer.Ordinal);
        return g.EdgesOf(EdgeType.RunsAs)
            .SelectMany(e => (reached.Contains(e.Source) ? [e.Source] : services[e.Source]).Select(workload => (Role: e.Target, Workload: workload)))
            .ToLookup(x => x.Role, x => x.Workload, StringComparer.Ordinal);
    }
}
