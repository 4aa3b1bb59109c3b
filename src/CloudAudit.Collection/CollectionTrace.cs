namespace CloudAudit.Collection;

/// <summary>Where one request of a collection is: the stages the collection bench's timeline measures.</summary>
internal enum TraceStage
{
    /// <summary>Added to the plan: its parent answered (or it is a root).</summary>
    Planned,
    /// <summary>In its lane's queue: nothing but the in-flight limits holds it back now.</summary>
    Queued,
    /// <summary>Handed to the reader (the transport's own waits, its pages and retries follow).</summary>
    Started,
    /// <summary>Answered or failed; its dependents are planned from here.</summary>
    Finished,
}

/// <summary>
/// One stage of one request, for the collection bench's request timeline (never in product output). Stage
/// <see cref="TraceStage.Started"/> is reported on the flow that then calls the reader, so a tracer can tag the
/// reader's HTTP requests with <paramref name="Request"/> (an AsyncLocal set in the callback flows into the read).
/// </summary>
/// <param name="Request">The request's number in this collection.</param>
/// <param name="Parent">The request whose answer planned this one; null for a root.</param>
/// <param name="Paced">A windowed read, paced at the service's rate in its region outside the in-flight limits.</param>
internal readonly record struct CollectionTrace(long Request, long? Parent, string Service, string Region, string Operation, TraceStage Stage, bool Paced);
