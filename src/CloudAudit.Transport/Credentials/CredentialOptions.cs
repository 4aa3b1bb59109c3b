namespace CloudAudit.Transport.Credentials;

/// <summary>How to find credentials: a named profile or the default chain, optionally assuming a role.</summary>
/// <param name="Profile">A profile from the shared config/credentials files; null for the default chain (AWS_PROFILE honoured there).</param>
/// <param name="RoleArn">A role to assume with the resolved credentials (the scanner's "role arn" option).</param>
/// <param name="ExternalId">The external id the role's trust policy requires, if any.</param>
/// <param name="RoleSessionName">Session name for the assumed role.</param>
public sealed record CredentialOptions(
    string? Profile = null,
    string? RoleArn = null,
    string? ExternalId = null,
    string RoleSessionName = "cloud-audit");

/// <summary>No credentials could be found; the CLI turns this into one line suggesting `cloud-audit demo`.</summary>
public sealed class NoCredentialsException(string message, Exception? inner = null) : Exception(message, inner);
