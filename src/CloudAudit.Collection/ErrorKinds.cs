using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection;

/// <summary>The transport's failure kinds in the inventory's terms.</summary>
public static class ErrorKinds
{
    public static ErrorKind Of(FailureKind kind) => kind switch
    {
        FailureKind.AccessDenied => ErrorKind.AccessDenied,
        FailureKind.Throttled => ErrorKind.Throttled,
        FailureKind.NotAvailableInRegion => ErrorKind.NotAvailableInRegion,
        FailureKind.OptInRequired => ErrorKind.OptInRequired,
        FailureKind.NotFound => ErrorKind.NotFound,
        FailureKind.Timeout => ErrorKind.Timeout,
        FailureKind.Unsupported => ErrorKind.Unsupported,
        FailureKind.Truncated => ErrorKind.Truncated,
        _ => ErrorKind.Other,
    };

    /// <summary>The stored form of a call's failure (or of why it stopped early).</summary>
    public static ApiError Of(CallFailure failure) => new(failure.Code, failure.Message, Of(failure.Kind), failure.HttpStatus);

    /// <summary>Errors that answer the question (no such configuration, no such service here) rather than hide the answer.</summary>
    public static bool IsAnswer(FailureKind kind) => kind is FailureKind.NotFound or FailureKind.NotAvailableInRegion;
}
