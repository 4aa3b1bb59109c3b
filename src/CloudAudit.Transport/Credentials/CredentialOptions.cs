namespace CloudAudit.Transport.Credentials;

/// <summary>
/// What the command line adds to the configured credentials (the profile itself comes from
/// <see cref="Configuration.AwsSettings"/>): a role to assume on top, as a profile's <c>role_arn</c> would be.
/// </summary>
/// <param name="RoleArn">A role to assume with the resolved credentials (--role-arn).</param>
/// <param name="ExternalId">The external id the role's trust policy requires, if any.</param>
/// <param name="RoleSessionName">Session name for the assumed role.</param>
/// <param name="MfaCode">
/// Gives the code of an MFA device (by its serial) for a role whose profile names <c>mfa_serial</c>: the --mfa-code
/// flag, or a prompt on the terminal. Null when neither is possible: such a role is then refused with one line.
/// </param>
public sealed record CredentialOptions(
    string? RoleArn = null,
    string? ExternalId = null,
    string RoleSessionName = "cloud-audit",
    Func<string, string>? MfaCode = null);

/// <summary>No credentials could be had; the message says why and what to do (the CLI prints it in one line, exit 2).</summary>
public sealed class NoCredentialsException(string message, Exception? inner = null, bool nothingConfigured = false) : Exception(message, inner)
{
    public NoCredentialsException(string message, bool nothingConfigured) : this(message, null, nothingConfigured)
    {
    }

    /// <summary>No source of credentials is configured at all (not one that failed): the CLI suggests the demo.</summary>
    public bool NothingConfigured { get; } = nothingConfigured;
}
