using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// Credentials of an assumed role (with an external id when the trust policy asks for one), renewed by the
/// SDK's refreshing base class a few minutes before they expire. The STS client is given, so tests can fake STS.
/// AssumeRole creates a session, not a resource: it is the one STS write the scanner makes, outside the engine.
/// </summary>
public sealed class AssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService sts;
    private readonly string roleArn;
    private readonly string sessionName;
    private readonly string? externalId;

    public AssumeRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId)
    {
        this.sts = sts;
        this.roleArn = roleArn;
        this.sessionName = sessionName;
        this.externalId = externalId;
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, ExternalId = externalId };
        AssumeRoleResponse response;
        try
        {
            response = await sts.AssumeRoleAsync(request).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new NoCredentialsException($"Could not assume role {roleArn}: {e.ErrorCode}: {e.Message}", e);
        }
        var c = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            c.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddHours(1));
    }
}
