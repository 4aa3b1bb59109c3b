using CloudAudit.Access.Principals;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Which SageMaker notebooks' execution roles may call Bedrock models, region by region: a <c>can_invoke_model</c>
/// edge from the role to the region, decided by the policy engine (identity, boundary and SCPs) for
/// bedrock:InvokeModel or bedrock:InvokeModelWithResponseStream on the region's foundation models. AC-39 follows it
/// from a notebook with root access to a region whose Bedrock has no guardrails. A role whose permissions could not
/// be read is a gap, never an absent edge.
/// </summary>
internal static class ModelInvocation
{
    private static readonly ActionName[] Actions = [ActionName.Parse("bedrock:InvokeModel"), ActionName.Parse("bedrock:InvokeModelWithResponseStream")];

    public static void Add(GraphDraft g, AccessFacts access, IReadOnlyList<string> regions)
    {
        var notebookRoles = g.EdgesOf(EdgeType.RunsAs).Where(e => g.TypeOf(e.Source) == NodeType.SageMakerNotebook)
            .GroupBy(e => e.Target, StringComparer.Ordinal);
        foreach (var notebooks in notebookRoles)
        {
            var role = notebooks.Key;
            var what = $"whether role {NameOf(role)}, which notebook {string.Join(", ", notebooks.Select(n => NameOf(n.Source)))} runs as, may invoke Bedrock models (AC-39)";
            if (access.Entity(role) is not { } entity)
            {
                g.Gap(what, "the role is not in the IAM authorization details read");
                continue;
            }
            if (entity.Unassessable is { } cause)
            {
                g.Gap(what, cause);
                continue;
            }
            foreach (var region in regions)
                Decide(g, access, entity, role, region, what);
        }
    }

    private static void Decide(GraphDraft g, AccessFacts access, IamEntity entity, string role, string region, string what)
    {
        foreach (var probe in Probes(entity, g.Partition, region))
            foreach (var action in Actions)
            {
                var decision = access.CanDo(entity, action.FullName, probe);
                if (decision.NotAssessed is { } unknown)
                {
                    g.Gap($"{what} in {region}", unknown);
                    return;
                }
                if (!decision.IsAllowed) continue;
                g.Edge(role, SecurityGraph.RegionNodeId(g.AccountId, region), EdgeType.CanInvokeModel,
                    Evidence.Grant("iam:GetAccountAuthorizationDetails", $"allowed {action} on {probe}",
                        statements: [.. decision.Statements.Select(StatementRef.Of)]));
                return;
            }
    }

    /// <summary>
    /// The model ARNs to ask about in a region: every foundation model, and each Bedrock resource of the region the
    /// role's own allowing statements name (most grants name the models they use), with a region wildcard resolved.
    /// </summary>
    private static IEnumerable<string> Probes(IamEntity role, string partition, string region)
    {
        var probes = new List<string> { $"arn:{partition}:bedrock:{region}::foundation-model/*" };
        foreach (var statement in role.Policies.Identity.SelectMany(d => d.Statements))
        {
            if (statement.Effect != Effect.Allow || !Actions.Any(statement.MatchesAction)) continue;
            foreach (var resource in statement.Resources ?? [])
            {
                var parts = resource.Text.Split(':', 6);
                if (parts.Length == 6 && parts[2] == "bedrock" && (parts[3] == region || parts[3] == "*"))
                    probes.Add(string.Join(':', parts[0], parts[1], parts[2], region, parts[4], parts[5]));
            }
        }
        return probes.Distinct(StringComparer.Ordinal);
    }

    private static string NameOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}
