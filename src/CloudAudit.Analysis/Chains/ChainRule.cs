using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Chains;

/// <summary>Everything a chain rule says about itself; tests hold every rule to it and docs/attack-paths.md lists it.</summary>
public sealed record ChainRuleInfo
{
    /// <summary>AC-NN for the reference tool's rules (same IDs), CA-NN for cloud-audit's own.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>MITRE ATT&amp;CK technique IDs (T1190, T1552.005 …).</summary>
    public required IReadOnlyList<string> Mitre { get; init; }
    public required ChainFix Fix { get; init; }
    /// <summary>When the rule fires, in one or two sentences: what must be linked to what.</summary>
    public required string Fires { get; init; }
    /// <summary>The checks whose findings take part in the chain (the reference's trigger checks for AC rules).</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
    /// <summary>A rule whose chain, when it fires on the same anchor, makes this one redundant (AC-10 over AC-09).</summary>
    public string? SupersededBy { get; init; }
    /// <summary>Appended to the name for rules the reference names per principal ("PassRole Escalation to Admin (ci-deployer)").</summary>
    public bool NamedBySubject { get; init; }
    /// <summary>
    /// Region-wide co-occurrence rules report one chain per account, as the reference does (its "max 1"): the regions
    /// where the rule holds are merged into it.
    /// </summary>
    public bool OnePerAccount { get; init; }

    public bool Reference => Id.StartsWith("AC-", StringComparison.Ordinal);

    /// <summary>A rule's metadata as the rule tables write it: one line of identity, one of what it needs.</summary>
    public static ChainRuleInfo Of(string id, string name, Severity severity, string fires, ChainFix fix, string[] mitre, string[] checks,
        string? supersededBy = null, bool bySubject = false, bool onePerAccount = false) => new()
    {
        Id = id, Name = name, Severity = severity, Fires = fires, Fix = fix, Mitre = mitre, Checks = checks,
        SupersededBy = supersededBy, NamedBySubject = bySubject, OnePerAccount = onePerAccount,
    };
}

/// <summary>One place a rule fires: the anchor resource, the linked resources in path order, the findings, the story.</summary>
public sealed record ChainMatch(
    GraphNode Anchor,
    IReadOnlyList<GraphNode> Path,
    IReadOnlyList<FindingRef> Findings,
    string Narrative,
    IReadOnlyList<VizStep> Steps)
{
    /// <summary>For rules named per subject: who the chain is about.</summary>
    public string? Subject { get; init; }
}

/// <summary>
/// A chain rule: metadata beside a match over the graph. A rule reads the graph only through a <see cref="GraphView"/>,
/// so what-if simulation re-runs it unchanged. Rules that differ only in parameters are rows of one table
/// (see <see cref="ChainRules"/>).
/// </summary>
public abstract class ChainRule
{
    public abstract ChainRuleInfo Info { get; }

    public abstract IEnumerable<ChainMatch> Match(GraphView view);

    public override string ToString() => Info.Id;
}
