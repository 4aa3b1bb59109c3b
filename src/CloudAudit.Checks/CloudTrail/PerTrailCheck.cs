using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>
/// A check of each trail the account owns. Trails of another account (an organization trail seen
/// from a member) are assessed in the account that owns them.
/// </summary>
public abstract class PerTrailCheck : Check
{
    public override IReadOnlyList<ApiCall> Reads => [CloudTrailCalls.DescribeTrails, .. ExtraReads];

    protected virtual IReadOnlyList<ApiCall> ExtraReads => [];

    /// <summary>The ID the check's findings give what it judges of a trail: the trail, or its bucket.</summary>
    protected virtual string Examined(Trail trail) => trail.Arn;

    protected abstract void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var listing = context.Data.CloudTrail().Trails();
        verdict.AddGaps(listing.Gaps);
        var own = listing.Items.Where(t => t.OwnerAccount == context.AccountId).ToList();
        foreach (var trail in own)
        {
            var gaps = verdict.Gaps.Count;
            EvaluateTrail(trail, context, verdict);
            // Named as passed only when judged on complete data.
            if (verdict.Gaps.Count == gaps) verdict.Scanned(Examined(trail));
            else verdict.Scanned();
        }
        if (own.Count == 0)
        {
            var foreign = listing.Items.FirstOrDefault();
            verdict.NotApplicable(foreign is null
                ? "the account has no CloudTrail trail (see aws-ct-001)"
                : $"the only trails are owned by account {foreign.OwnerAccount} (organization trail {foreign.Name}); assess them there");
        }
    }

    protected static SlotValues Slots(Trail trail) => CloudTrailEnabled.TrailSlots(trail);
}
