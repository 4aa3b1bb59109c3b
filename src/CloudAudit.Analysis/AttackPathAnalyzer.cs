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

    public static AttackPathAnalysis Analyze(IReadOnlyList<(CheckContext Context, IReadOnlyList<AnalyzedResult> Results)> accounts) =>
        Combine([.. accounts.Select(a => AnalyzeAccount(a.Context, a.Results))]);

    /// <summary>What one account brings to the analysis: its graph, escalation paths and fixes (a multi-account scan keeps these, not the inventory).</summary>
    public sealed record AccountPart(SecurityGraph Graph, IReadOnlyList<EscalationPathRecord> Escalations, IReadOnlyList<(string CheckId, CheckFix Fix)> Fixes,
        IReadOnlyList<Agents.AgentIdentity> Agents);

    public static AccountPart AnalyzeAccount(CheckContext context, IReadOnlyList<AnalyzedResult> results)
    {
        var findings = results.SelectMany(r => r.Findings)
            .Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded).ToList();
        var fixes = findings.Select(f => f.Finding).Where(f => f.Remediation is not null)
            .Select(f => (f.CheckId, new CheckFix(f.Remediation!.Effort, f.Remediation))).ToList();
        var escalationRan = results.Any(r => r.Result.CheckId == EscalationCheck && r.Result.Status is CheckStatus.Pass or CheckStatus.Fail);
        var (graph, agents) = SecurityGraphBuilder.BuildWithAgents(context, findings, escalationRan);
        IReadOnlyList<EscalationPathRecord> escalations = escalationRan && context.Access().Escalation is { Gap: null } escalation
            ? [.. EscalationPaths.From(escalation, context.AccountId,
                findings.Where(f => f.Finding.CheckId == EscalationCheck).ToDictionary(f => f.Finding.ResourceId, f => f.Fingerprint, StringComparer.Ordinal))]
            : [];
        return new AccountPart(graph, escalations, fixes, agents);
    }

    /// <summary>Chains and the remediation plan over every account's part, in the order given.</summary>
    public static AttackPathAnalysis Combine(IReadOnlyList<AccountPart> accounts)
    {
        var fixes = new Dictionary<string, CheckFix>(StringComparer.Ordinal);
        foreach (var (checkId, fix) in accounts.SelectMany(a => a.Fixes))
            fixes.TryAdd(checkId, fix);
        return Analyze(SecurityGraph.Merge([.. accounts.Select(a => a.Graph)]), [.. accounts.SelectMany(a => a.Escalations)], fixes.GetValueOrDefault)
            with { Agents = [.. accounts.SelectMany(a => a.Agents)] };
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
