using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// Credentials through AWSSDK.Core's default chain: environment, shared config and credentials files (named
/// profiles, SSO and sso-session, credential_process, role_arn + source_profile, web identity), container and
/// instance metadata. The SDK's refreshing credentials renew themselves before they expire, so a long scan
/// asks for the current value before every request.
/// </summary>
internal static class CredentialResolver
{
    public static AWSCredentials Resolve(AwsSettings settings, CredentialOptions options, string homeRegion, Func<AWSCredentials, IAmazonSecurityTokenService>? stsFactory = null)
    {
        var source = options.Profile is { } profile ? FromProfile(profile) : FromDefaultChain();
        if (options.RoleArn is null)
            return source;
        var sts = stsFactory?.Invoke(source) ?? CreateStsClient(source, homeRegion, settings.Endpoints.For("STS"));
        return new AssumeRoleCredentials(sts, options.RoleArn, options.RoleSessionName, options.ExternalId);
    }

    /// <summary>The current access key, secret and token; refreshing sources renew here when close to expiry.</summary>
    public static async Task<SigningCredentials> CurrentAsync(AWSCredentials credentials)
    {
        ImmutableCredentials current;
        try
        {
            current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException($"AWS credentials could not be loaded: {e.Message}", e);
        }
        return new SigningCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null);
    }

    private static AWSCredentials FromProfile(string profile)
    {
        try
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials))
                return credentials;
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException($"AWS profile '{profile}' cannot be used: {e.Message}", e);
        }
        throw new NoCredentialsException($"AWS profile '{profile}' was not found in the shared config or credentials files.");
    }

    private static AWSCredentials FromDefaultChain()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException("No AWS credentials found (environment, shared config and credentials files, SSO, container or instance metadata).", e);
        }
    }

    private static AmazonSecurityTokenServiceClient CreateStsClient(AWSCredentials source, string homeRegion, Uri? endpoint)
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(homeRegion) };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = homeRegion;
        }
        return new AmazonSecurityTokenServiceClient(source, config);
    }
}
