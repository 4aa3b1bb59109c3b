namespace CloudAudit.Transport.Credentials;

/// <summary>
/// A role assumed with other credentials: a profile's <c>role_arn</c> (with <c>source_profile</c> or
/// <c>credential_source</c>) and the --role-arn flag alike. A role whose profile names <c>mfa_serial</c> asks for
/// the device's code each time it is assumed. AssumeRole creates a session, not a resource.
/// </summary>
internal sealed class AssumeRoleProvider(CredentialHttp http, CachedCredentials source, AssumeRoleRequest role, string origin,
    Func<string, string>? mfaCode) : ICredentialProvider
{
    public string Source => $"{origin} (role {role.RoleArn})";

    public Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        string? code = null;
        if (role.MfaSerial is { } serial)
        {
            if (mfaCode is null)
                throw new NoCredentialsException($"{origin} assumes {role.RoleArn} with the MFA device {serial}: pass its code with --mfa-code, or run on a terminal to be asked for it");
            code = mfaCode(serial).Trim();
            if (code.Length == 0)
                throw new NoCredentialsException($"no MFA code was given for {serial}");
        }
        return StsCredentialCalls.AssumeRoleAsync(http, source, role, code, cancellation);
    }
}

/// <summary>
/// A role assumed with a web identity token read from a file each time (AWS_WEB_IDENTITY_TOKEN_FILE with
/// AWS_ROLE_ARN, or a profile's web_identity_token_file and role_arn): how CI systems with OIDC and EKS pods log in.
/// </summary>
internal sealed class WebIdentityProvider(CredentialHttp http, string tokenFile, string roleArn, string sessionName, string origin)
    : ICredentialProvider
{
    public string Source => $"{origin} (web identity, role {roleArn})";

    public async Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(tokenFile, cancellation).ConfigureAwait(false)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NoCredentialsException($"the web identity token file {tokenFile} cannot be read: {e.Message}", e);
        }
        if (token.Length == 0)
            throw new NoCredentialsException($"the web identity token file {tokenFile} is empty");
        return await StsCredentialCalls.AssumeRoleWithWebIdentityAsync(http, roleArn, sessionName, token, cancellation).ConfigureAwait(false);
    }
}
