using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Chains;

/// <summary>
/// How an attacker gets to prompt an AI agent, as a chain tells it: straight from the internet (a gateway without an
/// authorizer), through a workload the internet reaches whose role may invoke the agent, or, when neither stands,
/// as any user of the agent. Read through the view, so a fix that closes the entry changes the story, not the chain.
/// </summary>
internal sealed record AgentEntry(IReadOnlyList<VizStep> Steps, IReadOnlyList<GraphNode> Path, IReadOnlyList<FindingRef> Findings,
    string Story, string EdgeLabel)
{
    public static AgentEntry Of(GraphView view, GraphNode agent)
    {
        if (view.FromInternet(agent) is { } open)
            return new([Chains.Steps.Internet], [], [.. view.Findings(open)], $"Anyone on the internet can call {agent.Label} ({Chains.Steps.Entry(view, open)}). ",
                "no authorizer");
        foreach (var invoke in view.In(agent, EdgeType.CanInvoke))
        {
            // An administrator may invoke anything; a workload running as one is a chain of its own (AC-05, AC-01), not this way in.
            var role = view.Graph.Node(invoke.Source);
            if (view.Admin(role) is not null) continue;
            foreach (var workload in view.Sources(role, EdgeType.RunsAs)
                         .SelectMany(w => w.Type == NodeType.EcsTaskDefinition ? view.Sources(w, EdgeType.RunsTask) : [w]))
            {
                if (view.FromInternet(workload) is not { } reach) continue;
                return new([.. Chains.Steps.FromInternet(view, workload, reach), Chains.Steps.Of(role, "runs as")], [workload, role], [.. view.Findings(reach)],
                    $"The internet reaches {workload.Label} ({Chains.Steps.Entry(view, reach)}), which runs as {role.Label}, and that role may invoke {agent.Label} ({Reach.Grants(view, invoke)}). ",
                    "invokes");
            }
        }
        return new([Chains.Steps.Internet with { Label = "Prompt", Sub = "any user of the agent" }], [], [], "", "instructs");
    }
}
