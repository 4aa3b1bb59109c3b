using System.Globalization;
using CloudAudit.Transport.Configuration;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// Finds the credentials the AWS CLI would use, from <see cref="AwsSettings"/>: the environment's keys (unless
/// --profile named a profile), then the profile's <c>role_arn</c> (with <c>source_profile</c>, followed through
/// chains, or <c>credential_source</c>), web identity (the profile's or AWS_WEB_IDENTITY_TOKEN_FILE), SSO, keys,
/// <c>credential_process</c>, then container and instance metadata. A --role-arn is assumed on top through the
/// same <see cref="AssumeRoleProvider"/> a profile's <c>role_arn</c> uses.
/// </summary>
public static class CredentialChain
{
    /// <exception cref="NoCredentialsException">Nothing is configured, or a named profile does not exist.</exception>
    /// <exception cref="AwsConfigurationException">A profile's settings cannot be used.</exception>
    public static CachedCredentials Resolve(CredentialHttp http, CredentialOptions options)
    {
        var settings = http.Settings;
        var found = settings.ProfileExplicit ? FromNamedProfile(http, settings.ProfileName, options) : FromDefaultChain(http, options);
        var credentials = new CachedCredentials(found, http.Clock);
        if (options.RoleArn is not { } roleArn)
            return credentials;
        var role = new AssumeRoleRequest(roleArn, options.RoleSessionName, options.ExternalId);
        return new CachedCredentials(new AssumeRoleProvider(http, credentials, role, "--role-arn", options.MfaCode), http.Clock);
    }

    /// <summary>Assumes <paramref name="role"/> with <paramref name="source"/> (e.g. one member account of an organization).</summary>
    public static CachedCredentials AssumeRole(CredentialHttp http, CachedCredentials source, AssumeRoleRequest role, string origin) =>
        new(new AssumeRoleProvider(http, source, role, origin, mfaCode: null), http.Clock);

    private static ICredentialProvider FromNamedProfile(CredentialHttp http, string name, CredentialOptions options)
    {
        if (http.Settings.Files.Profile(name) is null)
            throw new NoCredentialsException($"AWS profile '{name}' was not found in {http.Settings.Files.ConfigPath} or {http.Settings.Files.CredentialsPath}.", nothingConfigured: true);
        return FromProfile(http, name, options, []) ?? FromMachine(http)
            ?? throw new NoCredentialsException($"AWS profile '{name}' has no credentials (keys, role_arn, sso_session, credential_process or web_identity_token_file).", nothingConfigured: true);
    }

    private static ICredentialProvider FromDefaultChain(CredentialHttp http, CredentialOptions options)
    {
        var settings = http.Settings;
        if (StaticCredentialProvider.FromEnvironment(settings.Environment) is { } environment)
            return environment;
        if (settings.Profile is not null && FromProfile(http, settings.ProfileName, options, [], environmentWebIdentity: true) is { } profile)
            return profile;
        if (settings.Profile is null && settings.Environment.Profile is { } missing)
            throw new NoCredentialsException($"AWS profile '{missing}' (AWS_PROFILE) was not found in {settings.Files.ConfigPath} or {settings.Files.CredentialsPath}.", nothingConfigured: true);
        return WebIdentityFromEnvironment(http) ?? FromMachine(http)
            ?? throw new NoCredentialsException("No AWS credentials found (environment, shared config and credentials files, SSO, container or instance metadata).", nothingConfigured: true);
    }

    /// <summary>Container credentials when configured, else instance metadata unless disabled.</summary>
    private static ICredentialProvider? FromMachine(CredentialHttp http) =>
        (ICredentialProvider?)ContainerCredentialProvider.FromEnvironment(http) ?? InstanceMetadataProvider.FromSettings(http);

    private static WebIdentityProvider? WebIdentityFromEnvironment(CredentialHttp http)
    {
        var environment = http.Settings.Environment;
        if (environment.WebIdentityTokenFile is not { } file)
            return null;
        var role = environment.RoleArn ?? throw new NoCredentialsException("AWS_WEB_IDENTITY_TOKEN_FILE is set without AWS_ROLE_ARN: set the role to assume");
        return new WebIdentityProvider(http, file, role, environment.RoleSessionName ?? "cloud-audit", "AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    /// <summary>What a profile configures, in the AWS CLI's order; null when it configures no credentials.</summary>
    /// <param name="visited">Profiles already on the source_profile chain, to stop a loop.</param>
    /// <param name="environmentWebIdentity">The default chain's profile: AWS_WEB_IDENTITY_TOKEN_FILE comes before its SSO and keys, as in the CLI.</param>
    private static ICredentialProvider? FromProfile(CredentialHttp http, string name, CredentialOptions options, List<string> visited,
        bool environmentWebIdentity = false)
    {
        var profile = http.Settings.Files.Profile(name)
            ?? throw new AwsConfigurationException($"source_profile '{name}' ({string.Join(" → ", visited)}) is not a profile of {http.Settings.Files.ConfigPath} or {http.Settings.Files.CredentialsPath}");
        visited.Add(name);
        if (profile["role_arn"] is { } roleArn && profile["web_identity_token_file"] is null)
            return AssumeFromProfile(http, name, profile, roleArn, options, visited);
        if (profile["web_identity_token_file"] is { } tokenFile)
        {
            var role = profile["role_arn"] ?? throw new AwsConfigurationException($"profile '{name}' in {profile.File} has web_identity_token_file but no role_arn");
            return new WebIdentityProvider(http, http.Settings.Environment.Expand(tokenFile)!, role, profile["role_session_name"] ?? "cloud-audit", $"profile '{name}'");
        }
        if (environmentWebIdentity && WebIdentityFromEnvironment(http) is { } webIdentity)
            return webIdentity;
        return SsoCredentialProvider.FromProfile(http, name, profile)
            ?? (ICredentialProvider?)StaticCredentialProvider.FromProfile(name, profile)
            ?? (profile["credential_process"] is { } command ? new ProcessCredentialProvider(name, command) : null);
    }

    private static AssumeRoleProvider AssumeFromProfile(CredentialHttp http, string name, ConfigSection profile, string roleArn,
        CredentialOptions options, List<string> visited)
    {
        ICredentialProvider source;
        if (profile["source_profile"] is { } sourceName)
        {
            if (visited.Contains(sourceName) && sourceName != name)
                throw new AwsConfigurationException($"profile '{name}' in {profile.File}: source_profile loops ({string.Join(" → ", visited)} → {sourceName})");
            // A profile that is its own source uses its own keys for the role.
            source = (sourceName == name ? StaticCredentialProvider.FromProfile(name, profile) : FromProfile(http, sourceName, options, visited))
                ?? throw new AwsConfigurationException($"source_profile '{sourceName}' of profile '{name}' has no credentials");
        }
        else if (profile["credential_source"] is { } credentialSource)
        {
            source = credentialSource switch
            {
                "Environment" => StaticCredentialProvider.FromEnvironment(http.Settings.Environment)
                    ?? throw new NoCredentialsException($"profile '{name}' takes its credentials from the environment, which has no AWS_ACCESS_KEY_ID"),
                "Ec2InstanceMetadata" => InstanceMetadataProvider.FromSettings(http)
                    ?? throw new NoCredentialsException($"profile '{name}' takes its credentials from instance metadata, which AWS_EC2_METADATA_DISABLED turns off"),
                "EcsContainer" => ContainerCredentialProvider.FromEnvironment(http)
                    ?? throw new NoCredentialsException($"profile '{name}' takes its credentials from the container, but AWS_CONTAINER_CREDENTIALS_* is not set"),
                _ => throw new AwsConfigurationException($"credential_source in profile '{name}' of {profile.File} is '{credentialSource}': use Environment, Ec2InstanceMetadata or EcsContainer"),
            };
        }
        else
        {
            throw new AwsConfigurationException($"profile '{name}' in {profile.File} has role_arn but neither source_profile nor credential_source");
        }
        int? duration = profile["duration_seconds"] is { } seconds
            ? int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : throw new AwsConfigurationException($"duration_seconds in profile '{name}' of {profile.File} is '{seconds}': give whole seconds")
            : null;
        var role = new AssumeRoleRequest(roleArn, profile["role_session_name"] ?? "cloud-audit", profile["external_id"], profile["mfa_serial"], duration);
        return new AssumeRoleProvider(http, new CachedCredentials(source, http.Clock), role, $"profile '{name}'", options.MfaCode);
    }
}
