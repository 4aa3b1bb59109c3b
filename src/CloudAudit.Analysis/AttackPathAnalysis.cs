using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Escalation;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;

namespace CloudAudit.Analysis;

/// <summary>
/// What the analysis layer makes of a scan beyond single findings: the security graph, the attack chains found on
/// it, the fixes that break them, the escalation paths and the AI agents. Built once per scan (or read back from a
/// saved report); every consumer (reports, simulate, exposure, blast radius, compliance, history, MCP) reads this.
/// </summary>
public sealed record AttackPathAnalysis
{
    public required SecurityGraph Graph { get; init; }
    /// <summary>Most severe first.</summary>
    public required IReadOnlyList<AttackChain> Chains { get; init; }
    /// <summary>The remediation plan: most chains broken first.</summary>
    public required IReadOnlyList<RootCause> RootCauses { get; init; }
    public required IReadOnlyList<EscalationPathRecord> EscalationPaths { get; init; }
    public required IReadOnlyList<AgentIdentity> Agents { get; init; }

    public static AttackPathAnalysis Empty { get; } = new()
    {
        Graph = SecurityGraph.Empty, Chains = [], RootCauses = [], EscalationPaths = [], Agents = [],
    };

    /// <summary>The distinct chains the plan's fixes break together.</summary>
    public int ChainsBrokenByPlan => RootCauses.SelectMany(r => r.ChainKeys).Distinct(StringComparer.Ordinal).Count();

    public IEnumerable<RootCause> QuickWins => RootCauses.Where(r => r.QuickWin).Take(5);
}
