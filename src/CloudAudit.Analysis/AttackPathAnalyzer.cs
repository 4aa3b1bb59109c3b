using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Escalation;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Graph.Build;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Escalation;

namespace CloudAudit.Analysis;

/// <summary>
/// The analysis layer's entry point: builds each account's security graph from its inventory and analysed check
/// results, runs the chain rules on it, works out the remediation plan, and gathers escalation paths and agents.
/// </summary>
public static class AttackPathAnalyzer
{
    public const string EscalationCheck = "aws-iam-018";

    public static AttackPathAnalysis Analyze(IReadOnlyList<(CheckContext Context, IReadOnlyList<AnalyzedResult> Results)> accounts)
    {
        var graphs = new List<SecurityGraph>();
        var escalations = new List<EscalationPathRecord>();
        var fixes = new Dictionary<string, CheckFix>(StringComparer.Ordinal);
        var agents = new List<Agents.AgentIdentity>();
        foreach (var (context, results) in accounts)
        {
            var findings = results.SelectMany(r => r.Findings)
                .Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded).ToList();
            foreach (var f in findings.Select(f => f.Finding).Where(f => f.Remediation is not null))
                fixes.TryAdd(f.CheckId, new CheckFix(f.Remediation!.Effort, f.Remediation));
            var escalationRan = results.Any(r => r.Result.CheckId == EscalationCheck && r.Result.Status is CheckStatus.Pass or CheckStatus.Fail);
            var (graph, found) = SecurityGraphBuilder.BuildWithAgents(context, findings, escalationRan);
            graphs.Add(graph);
            agents.AddRange(found);
            if (escalationRan && context.Access().Escalation is { Gap: null } escalation)
                escalations.AddRange(EscalationPaths.From(escalation, context.AccountId,
                    findings.Where(f => f.Finding.CheckId == EscalationCheck).ToDictionary(f => f.Finding.ResourceId, f => f.Fingerprint, StringComparer.Ordinal)));
        }
        return Analyze(SecurityGraph.Merge(graphs), escalations, fixes.GetValueOrDefault) with { Agents = agents };
    }

    /// <summary>Chains and remediation plan over a graph already built (or read back from a saved report).</summary>
    public static AttackPathAnalysis Analyze(SecurityGraph graph, IReadOnlyList<EscalationPathRecord> escalations, Func<string, CheckFix?> fixOf)
    {
        var chains = ChainDetector.Detect(new GraphView(graph));
        return new AttackPathAnalysis
        {
            Graph = graph,
            Chains = chains,
            RootCauses = RemediationPlanner.Plan(graph, chains, fixOf),
            EscalationPaths = escalations,
            Agents = [],
        };
    }
}
