using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// A check that judges each resource of one kind listed across the scanned regions (functions,
/// tables, notebooks …). A resource counts as examined, by name, unless judging it recorded a gap (a detail
/// read that failed), so the scanned count never includes what could not be assessed.
/// </summary>
public abstract class ResourceCheck<T> : Check where T : class
{
    /// <summary>The resources in scope, from every scanned region.</summary>
    protected abstract RegionalList<T> List(CheckContext context);

    /// <summary>Records a finding (or a gap) for one resource.</summary>
    protected abstract void Judge(Located<T> resource, CheckContext context, Verdict verdict);

    /// <summary>The ID the check's findings give the resource, under which it is reported as passed.</summary>
    protected abstract string ResourceId(Located<T> resource, CheckContext context);

    /// <summary>Whether a listed resource is in scope (skips AWS-managed objects, other billing modes …).</summary>
    protected virtual bool InScope(T resource) => true;

    /// <summary>Why the check is not applicable when nothing was listed ("no Lambda functions in the scanned regions").</summary>
    protected abstract string NoResources { get; }

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var list = List(context);
        var inScope = verdict.Accept(list).Where(r => InScope(r.Resource)).ToList();
        foreach (var resource in inScope)
        {
            var gaps = verdict.Gaps.Count;
            Judge(resource, context, verdict);
            if (verdict.Gaps.Count == gaps)
                verdict.Scanned(ResourceId(resource, context));
        }
        if (inScope.Count == 0)
            verdict.NotApplicable(RegionalVerdicts.NothingInScope(NoResources, list.NotOffered));
    }
}
