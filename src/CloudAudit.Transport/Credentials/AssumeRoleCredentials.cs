using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.Util.Internal;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// Credentials of an assumed role (with an external id when the trust policy asks for one), renewed by the
/// SDK's refreshing base class when they come within a minute of expiry. The STS client is given, so tests can fake STS.
/// AssumeRole creates a session, not a resource: it is the one STS write the scanner makes, outside the engine.
/// </summary>
internal sealed class AssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService sts;
    private readonly string roleArn;
    private readonly string sessionName;
    private readonly string? externalId;
    private readonly ITimeProvider clock;

    public AssumeRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId)
        : this(sts, roleArn, sessionName, externalId, DefaultTimeProvider.Instance)
    {
    }

    /// <summary>With a clock of the caller's choosing, so tests reach expiry without waiting.</summary>
    internal AssumeRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId, ITimeProvider clock)
        : base(clock)
    {
        this.sts = sts;
        this.roleArn = roleArn;
        this.sessionName = sessionName;
        this.externalId = externalId;
        this.clock = clock;
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
        var credentials = new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
        var expiration = c.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddHours(1);
        return new CredentialsRefreshState(credentials, expiration, clock);
    }
}
