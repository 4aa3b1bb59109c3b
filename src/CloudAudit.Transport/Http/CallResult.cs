using System.Text.Json.Nodes;

namespace CloudAudit.Transport.Http;

/// <summary>How a call failed, in the terms the scanner reasons with.</summary>
public enum FailureKind
{
    AccessDenied,
    Throttled,
    NotAvailableInRegion,
    /// <summary>The region (or service) is not enabled for the account.</summary>
    OptInRequired,
    NotFound,
    Timeout,
    Unsupported,
    Other,
    /// <summary>A paginated read stopped before its last page (only in <see cref="CallResult.Incomplete"/>).</summary>
    Truncated,
}

/// <summary>A failed call: the AWS error code and message, the kind, and what the response carried.</summary>
public sealed record CallFailure(FailureKind Kind, string Code, string Message, int? HttpStatus = null, string? RequestId = null);

/// <summary>
/// Exactly one of <see cref="Response"/> (AWS CLI output shape, pages merged) and <see cref="Failure"/>; a read that
/// stopped before its last page has a <see cref="Response"/> of the pages read and says why in <see cref="Incomplete"/>.
/// </summary>
public sealed record CallResult
{
    private CallResult(JsonObject? response, CallFailure? failure, CallFailure? incomplete = null)
    {
        Response = response;
        Failure = failure;
        Incomplete = incomplete;
    }

    public JsonObject? Response { get; }
    public CallFailure? Failure { get; }

    /// <summary>
    /// Why reading stopped before the last page: the page limit or a repeated token (<see cref="FailureKind.Truncated"/>),
    /// or a later page's failure. The response holds only what was read and is not the whole answer.
    /// </summary>
    public CallFailure? Incomplete { get; }

    public bool Succeeded => Failure is null;

    public static CallResult Success(JsonObject response) => new(response, null);
    public static CallResult Failed(CallFailure failure) => new(null, failure);
    public static CallResult Partial(JsonObject response, CallFailure incomplete) => new(response, null, incomplete);
}

/// <summary>Per-call settings beyond the request parameters.</summary>
/// <param name="RegionHint">
/// For S3 bucket-level reads called with region "global": the bucket's region when the caller knows it
/// (BucketRegion from ListBuckets), saving a GetBucketLocation round trip.
/// </param>
/// <param name="SinglePage">
/// Read one page of a paginated operation and return it as sent, its next-page token included, for a caller that
/// pages by itself (at a rate of its own, or stopping early); the input carries the token of the page wanted.
/// </param>
public sealed record CallOptions(string? RegionHint = null, bool SinglePage = false);
