using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// A detector that judges recent activity: the events of the windowed reads it declares (<see cref="EventReads"/>),
/// as collected, over the collection's window. Each region whose every read is complete counts as examined; a read
/// that is missing, denied, throttled or cut short is a gap, so "nothing suspicious" is only ever said of a window
/// read in full. Events read before a read stopped are judged all the same: a finding from them stands.
/// </summary>
public abstract class EventDetector : Check
{
    protected abstract IReadOnlyList<ApiCall> EventReads { get; }

    /// <summary>Other reads that decide a finding's severity or wording (is the trail still stopped?).</summary>
    protected virtual IReadOnlyList<ApiCall> ContextReads => [];

    public override IReadOnlyList<ApiCall> Reads => [.. EventReads, .. ContextReads];

    /// <summary>"no … in" (the window follows), for the result's reason when nothing was found.</summary>
    protected abstract string NothingFound { get; }

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var history = context.Data.CloudTrailEvents().Read(EventReads);
        verdict.AddGaps(history.Gaps);
        verdict.Scanned(history.CompleteRegions.Count);
        Judge(history, context, verdict);
        if (verdict.Findings.Count == 0)
            verdict.Note($"{NothingFound} {history.Window} ({string.Join(", ", history.CompleteRegions)})");
    }

    protected abstract void Judge(EventHistory history, CheckContext context, Verdict verdict);

    /// <summary>Slot values naming the access key the call was signed with (for the fix's event lookup), or its placeholder.</summary>
    protected static SlotValues SignedWith(TrailEvent e) => new SlotValues().WithAccessKey(e.Actor.AccessKeyId);
}
