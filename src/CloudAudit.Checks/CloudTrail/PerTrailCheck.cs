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

    protected abstract void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var listing = context.Data.CloudTrail().Trails();
        verdict.AddGaps(listing.Gaps);
        var own = listing.Items.Where(t => t.OwnerAccount == context.AccountId).ToList();
        foreach (var trail in own)
        {
            verdict.Scanned();
            EvaluateTrail(trail, context, verdict);
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
