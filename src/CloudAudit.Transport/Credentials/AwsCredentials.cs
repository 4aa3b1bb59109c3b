using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Credentials;

/// <summary>A set of credentials and, for temporary ones, when they expire.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null, DateTimeOffset? Expiration = null)
{
    public SigningCredentials ForSigning() => new(AccessKeyId, SecretAccessKey, SessionToken);
}

/// <summary>One way of getting credentials (keys in a file, a role to assume, a metadata endpoint …).</summary>
public interface ICredentialProvider
{
    /// <summary>Where the credentials come from, for messages ("profile 'audit' (credential_process)").</summary>
    string Source { get; }

    /// <summary>Fetches fresh credentials.</summary>
    /// <exception cref="NoCredentialsException">They cannot be had; the message says why and what to do.</exception>
    Task<AwsCredentials> FetchAsync(CancellationToken cancellation);
}

/// <summary>
/// Credentials kept between requests and renewed shortly before they expire, one renewal at a time: every request
/// of a long scan asks for the current value, so temporary credentials (an assumed role, SSO, a container's) are
/// replaced in the middle of a scan without it noticing. A renewal that fails while the old credentials are still
/// valid keeps them.
/// </summary>
public sealed class CachedCredentials(ICredentialProvider provider, TimeProvider? clock = null)
{
    /// <summary>How long before their expiry credentials are renewed.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim renewal = new(1, 1);
    private AwsCredentials? current;

    public ICredentialProvider Provider => provider;

    public async Task<AwsCredentials> CurrentAsync(CancellationToken cancellation = default)
    {
        if (Fresh(current) is { } ready)
            return ready;
        await renewal.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (Fresh(current) is { } renewed)
                return renewed;
            try
            {
                current = await provider.FetchAsync(cancellation).ConfigureAwait(false);
            }
            catch (NoCredentialsException) when (current?.Expiration is { } expiry && expiry > clock.GetUtcNow())
            {
                // Still valid: keep them and try again on the next request.
            }
            return current!;
        }
        finally
        {
            renewal.Release();
        }
    }

    private AwsCredentials? Fresh(AwsCredentials? credentials) =>
        credentials is not null && (credentials.Expiration is not { } expiry || expiry - clock.GetUtcNow() > RenewalMargin) ? credentials : null;
}
