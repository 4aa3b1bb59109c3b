using System.Collections.Concurrent;

namespace CloudAudit.Transport.Http;

/// <summary>
/// A circuit breaker per (service, signing region) of one client (so of one account): once
/// <see cref="AwsClientOptions.BreakerThreshold"/> calls in a row have failed with a server error, a timeout or a broken
/// connection after their retries, with no answer in between, the service is not called again by this client and
/// every later call fails at once with a failure naming the cause. A service in an incident (or an emulator that
/// answers 500 to an operation it lacks) then costs a scan a few calls' retries instead of every call's.
/// Throttling neither counts nor resets: a throttled service is working, paced by the rate limiter.
/// An answer that is not a server error (a success, a denial, a missing resource) resets the count.
/// Once open, a breaker stays open for the client's life: a scan is short, and its report must say plainly which
/// reads were not made.
/// </summary>
internal sealed class ServiceBreaker(int threshold)
{
    public const string FailFastCode = "ServiceFailing";

    private readonly ConcurrentDictionary<(string Service, string Region), State> states = new();

    /// <summary>Whether a final failure counts towards opening the breaker: the service did not answer as a service should.</summary>
    public static bool Counts(CallFailure failure) =>
        failure.Kind != FailureKind.Throttled
        && (failure.Kind == FailureKind.Timeout || failure.Code is "ConnectionError" or "TruncatedResponse"
            || (failure.HttpStatus is { } status && FailureClassifier.IsTransient(failure.Code, status)));

    /// <summary>The failure to return without calling, when the breaker of this service and region is open.</summary>
    public CallFailure? Refusal(string service, string region) =>
        states.TryGetValue((service, region), out var state) ? state.Refusal : null;

    /// <summary>The service answered (a success or an error that is an answer): the count starts again.</summary>
    public void Answered(string service, string region)
    {
        if (states.TryGetValue((service, region), out var state))
            state.Answered();
    }

    /// <summary>A call ended in <paramref name="failure"/> after its retries.</summary>
    public void Failed(string service, string region, CallFailure failure)
    {
        if (threshold <= 0 || !Counts(failure))
            return;
        states.GetOrAdd((service, region), _ => new State()).Failed(failure, threshold, service, region);
    }

    private sealed class State
    {
        private readonly Lock gate = new();
        private int streak;

        public CallFailure? Refusal { get; private set; }

        public void Answered()
        {
            lock (gate)
                if (Refusal is null)
                    streak = 0;
        }

        public void Failed(CallFailure failure, int threshold, string service, string region)
        {
            lock (gate)
            {
                if (Refusal is not null || ++streak < threshold)
                    return;
                Refusal = new CallFailure(failure.Kind == FailureKind.Timeout ? FailureKind.Timeout : FailureKind.Other,
                    FailFastCode, $"{service} in {region} {Describe(failure)} to {streak} calls in a row; not called again in this scan");
            }
        }

        private static string Describe(CallFailure failure) => failure.HttpStatus is { } status
            ? failure.Code == status.ToString(System.Globalization.CultureInfo.InvariantCulture) ? $"answered HTTP {status}" : $"answered {status} {failure.Code}"
            : failure.Kind == FailureKind.Timeout
                ? $"gave no answer ({failure.Message})"
                : $"gave no answer ({failure.Code}: {failure.Message})";
    }
}
