using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Chains;

/// <summary>What an attacker holding a role's credentials gets, when it is worth a chain: the next steps and the findings that make it so.</summary>
public sealed record RoleReach(string What, IReadOnlyList<VizStep> Steps, IReadOnlyList<GraphNode> Path, IReadOnlyList<FindingRef> Findings);

/// <summary>
/// The family "a workload the internet reaches, whose role can do X": one row per rule. The workload must have a
/// standing reachable_from_internet edge (open security-group rule on a public address in a public subnet with a
/// network ACL that lets it through, or a function URL without auth), or sit behind an API the internet reaches that
/// forwards unauthenticated requests to it; the role is the one its code runs with.
/// </summary>
public sealed class ExposedWorkloadRule(
    ChainRuleInfo info,
    NodeType[] workloads,
    string? workloadCheck,
    Func<GraphView, GraphNode, RoleReach?>? reach,
    Func<GraphNode, string, RoleReach?, string> story) : ChainRule
{
    public override ChainRuleInfo Info { get; } = info;

    public override IEnumerable<ChainMatch> Match(GraphView view)
    {
        foreach (var workload in view.Graph.Nodes.Where(n => workloads.Contains(n.Type)))
        {
            if (view.FromInternet(workload) is not { } edge) continue;
            var own = workloadCheck is null ? [] : view.Findings(workload, workloadCheck).ToList();
            if (workloadCheck is not null && own.Count == 0) continue;
            var entry = Steps.Entry(view, edge);
            var steps = Steps.FromInternet(view, workload, edge);
            // Through an API, the path starts at the API: it is the door whose authorization the fix may close.
            GraphNode[] door = edge.Type == EdgeType.ForwardsTo ? [view.Graph.Node(edge.Source)] : [];
            if (reach is null)
            {
                yield return new ChainMatch(workload, [.. door, workload], Steps.Findings(view.Findings(edge), own), story(workload, entry, null), steps);
                continue;
            }
            foreach (var (role, via) in Steps.RolesOf(view, workload))
            {
                if (reach(view, role) is not { } reached) continue;
                steps.Add(Steps.Of(role, via is null ? "runs as" : $"task role ({via.Label})"));
                steps.AddRange(reached.Steps);
                yield return new ChainMatch(workload, [.. door, workload, role, .. reached.Path],
                    Steps.Findings(view.Findings(edge), own, reached.Findings), story(workload, entry, reached), steps);
                break;
            }
        }
    }
}

/// <summary>Questions rules ask about a role, answered from its standing edges.</summary>
public static partial class Reach
{
    public static RoleReach? Administrator(GraphView view, GraphNode role) =>
        view.Admin(role) is { } admin
            ? new RoleReach($"{role.Label} is an administrator ({Grants(view, admin)})",
                [Steps.Impact("Account takeover", $"account {role.AccountId}", "admin")], [], [.. view.Findings(admin)])
            : null;

    public static RoleReach? AnyRole(GraphView view, GraphNode role) =>
        new($"it runs as {role.Label}", [Steps.Impact("Role credentials", "from the metadata service", "steal")], [], []);

    /// <summary>Not an administrator itself, but an escalation path (aws-iam-018) makes it one.</summary>
    public static RoleReach? EscalatesToAdmin(GraphView view, GraphNode role)
    {
        if (view.Admin(role) is not null) return null;
        var escalation = view.Out(role, EdgeType.CanEscalateTo).FirstOrDefault(e => view.Graph.Node(e.Target).Type == NodeType.Account);
        return escalation is null ? null
            : new RoleReach($"{role.Label} can escalate to administrator ({Grants(view, escalation)})",
                [Steps.Impact("Account takeover", "by privilege escalation", "escalate")], [], [.. view.Findings(escalation)]);
    }

    /// <summary>
    /// Not an administrator, but it may assume a role that is one. Asked about a workload's role, whose session the
    /// service issues without MFA: a trust that admits it only with MFA does not count.
    /// </summary>
    public static RoleReach? AssumesAdmin(GraphView view, GraphNode role)
    {
        if (view.Admin(role) is not null) return null;
        foreach (var assume in view.Out(role, EdgeType.CanAssume).Where(e => !OnlyWithMfa(view, e)))
        {
            var target = view.Graph.Node(assume.Target);
            if (view.Admin(target) is not { } admin) continue;
            return new RoleReach($"{role.Label} may assume {target.Label}, an administrator ({Grants(view, admin)})",
                [Steps.Of(target, "sts:AssumeRole"), Steps.Impact("Account takeover", $"account {target.AccountId}", "admin")], [target],
                [.. view.Findings(admin)]);
        }
        return null;
    }

    /// <summary>Whether every standing grant of an assume-role edge holds only once MFA is present (its conditions, as the identity layer lists them).</summary>
    private static bool OnlyWithMfa(GraphView view, GraphEdge assume)
    {
        var grants = assume.Evidence.Where(e => e.Kind == EvidenceKind.Grant && view.Holds(e)).ToList();
        return grants.Count > 0 && grants.All(e => MfaClause().Matches(e.Detail).Any(NeedsMfa));
    }

    /// <summary>
    /// A condition clause ("Operator key [values]", ANDed with the others) that a session without MFA fails. Without
    /// MFA, aws:MultiFactorAuthPresent is false (a test for "true" fails) and aws:MultiFactorAuthAge is absent: a Numeric
    /// test of the age fails unless its operator is IfExists, Null [false] fails, Null [true] holds.
    /// </summary>
    private static bool NeedsMfa(System.Text.RegularExpressions.Match clause)
    {
        var (op, key, values) = (clause.Groups[1].Value, clause.Groups[2].Value, clause.Groups[3].Value.Trim());
        var ifExists = op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        if (op.Equals("Null", StringComparison.OrdinalIgnoreCase)) return values.Equals("false", StringComparison.OrdinalIgnoreCase);
        return key.Equals("Present", StringComparison.OrdinalIgnoreCase)
            ? values.Equals("true", StringComparison.OrdinalIgnoreCase) && !op.Contains("Not", StringComparison.OrdinalIgnoreCase)
            : op.StartsWith("Numeric", StringComparison.OrdinalIgnoreCase) && !ifExists;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\w+) aws:MultiFactorAuth(Present|Age) \[([^\]]*)\]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MfaClause();

    /// <summary>
    /// Not an administrator, but it can read (or decrypt with) resources of the given types that not everyone can:
    /// data a resource policy already gives to anyone is no prize for whoever takes the workload.
    /// </summary>
    public static Func<GraphView, GraphNode, RoleReach?> Data(EdgeType edge, string verb, params NodeType[] types) => (view, role) =>
    {
        if (view.Admin(role) is not null) return null;
        var reached = view.Targets(role, edge)
            .Where(t => types.Contains(t.Type) && !view.Sources(t, edge).Any(s => s.Type == NodeType.AnyPrincipal)).ToList();
        if (reached.Count == 0) return null;
        var names = string.Join(", ", reached.Take(3).Select(r => r.Label)) + (reached.Count > 3 ? $" and {reached.Count - 3} more" : "");
        return new RoleReach($"{role.Label} can {verb} {names}", [Steps.Of(reached[0], verb, reached.Count > 1 ? $"and {reached.Count - 1} more" : null)],
            reached, []);
    };

    /// <summary>Not an administrator, but it can run code on another workload whose role is one.</summary>
    public static RoleReach? ControlsAdminWorkload(GraphView view, GraphNode role)
    {
        if (view.Admin(role) is not null) return null;
        foreach (var control in view.Out(role, EdgeType.CanControl))
        {
            var workload = view.Graph.Node(control.Target);
            foreach (var (other, _) in Steps.RolesOf(view, workload))
                if (other.Id != role.Id && view.Admin(other) is { } admin)
                    return new RoleReach($"{role.Label} can run code on {workload.Label} ({Grants(view, control)}), which runs as {other.Label}, an administrator",
                        [Steps.Of(workload, "run code"), Steps.Of(other, "runs as"), Steps.Impact("Account takeover", $"account {other.AccountId}", "admin")],
                        [workload, other], [.. view.Findings(admin)]);
        }
        return null;
    }

    /// <summary>What makes an edge stand, briefly: its first standing grant.</summary>
    public static string Grants(GraphView view, GraphEdge edge) =>
        edge.Evidence.FirstOrDefault(e => e.Kind == EvidenceKind.Grant && view.Holds(e))?.Detail ?? edge.Evidence.FirstOrDefault()?.Detail ?? "";
}
