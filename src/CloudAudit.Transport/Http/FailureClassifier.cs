namespace CloudAudit.Transport.Http;

/// <summary>Maps AWS error codes and HTTP statuses to failure kinds, and decides which are retried.</summary>
internal static class FailureClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException", "IDPCommunicationError",
    };

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException", "UnauthorizedAccess",
        "UnauthorizedAccessException", "UnauthorizedException", "NotAuthorized", "NotAuthorizedException",
        "Forbidden", "ForbiddenException", "AllAccessDisabled",
    };

    /// <summary>Credentials that are valid elsewhere are "unknown" in a region the account has not enabled.</summary>
    private static readonly HashSet<string> UnknownCredentialCodes = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure",
    };

    private static readonly HashSet<string> UnsupportedCodes = new(StringComparer.Ordinal)
    {
        "UnsupportedOperation", "UnsupportedOperationException", "InvalidAction", "UnknownOperationException",
        "NotImplemented", "UnsupportedCommandException",
    };

    public static bool IsThrottling(string code, int status) => ThrottlingCodes.Contains(code) || status == 429;

    public static bool IsTransient(string code, int status) =>
        TransientCodes.Contains(code) || status is 500 or 502 or 503 or 504;

    /// <param name="inNonHomeRegion">The call went to a region other than the home region (not a global call).</param>
    public static FailureKind Classify(string code, int status, bool inNonHomeRegion)
    {
        if (IsThrottling(code, status))
            return FailureKind.Throttled;
        if (code is "OptInRequired" or "SubscriptionRequiredException")
            return FailureKind.OptInRequired;
        if (UnknownCredentialCodes.Contains(code))
            return inNonHomeRegion ? FailureKind.OptInRequired : FailureKind.Other;
        if (code.StartsWith("AccessDenied", StringComparison.Ordinal) || code.EndsWith("AccessDeniedException", StringComparison.Ordinal)
            || AccessDeniedCodes.Contains(code))
            return FailureKind.AccessDenied;
        if (code.StartsWith("NoSuch", StringComparison.Ordinal) || code.Contains("NotFound", StringComparison.Ordinal))
            return FailureKind.NotFound;
        if (code is "RequestTimeout" or "RequestTimeoutException")
            return FailureKind.Timeout;
        if (UnsupportedCodes.Contains(code))
            return FailureKind.Unsupported;
        return status switch
        {
            403 => FailureKind.AccessDenied,
            404 => FailureKind.NotFound,
            _ => FailureKind.Other,
        };
    }
}
