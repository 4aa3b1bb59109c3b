using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudAudit.Transport.Configuration;

/// <summary>How failed requests are retried: the AWS CLI's retry modes.</summary>
public enum RetryMode
{
    /// <summary>Retry quota and capped exponential backoff with jitter.</summary>
    Standard,
    /// <summary>Standard, plus a client-side rate limiter per service and region once throttled.</summary>
    Adaptive,
    /// <summary>Capped exponential backoff with jitter, without the retry quota or the rate limiter.</summary>
    Legacy,
}

/// <summary>The retry mode and the attempts per request (the first included).</summary>
public sealed record RetrySettings(RetryMode Mode, int MaxAttempts)
{
    /// <summary>
    /// A scan is a batch job that can wait: throttling is retried patiently (the AWS CLI's 3 attempts are made for a
    /// person at a prompt), and the adaptive limiter slows the rest of a throttled service.
    /// </summary>
    public static RetrySettings Default { get; } = new(RetryMode.Adaptive, 10);
}

/// <summary>
/// What the user configured for reaching AWS, read once from the environment (<see cref="AwsEnvironment"/>) and the
/// shared config and credentials files, as the AWS CLI reads them: the profile and region, retries, endpoints
/// (<c>endpoint_url</c>, <c>services</c> sections, FIPS, dual-stack, STS regional endpoints) and the CA bundle.
/// A setting the CLI would reject is rejected here with one line naming it (<see cref="AwsConfigurationException"/>).
/// </summary>
public sealed record AwsSettings
{
    public required AwsEnvironment Environment { get; init; }
    public required SharedConfigFile Files { get; init; }

    /// <summary>The profile in use: the --profile flag, else AWS_PROFILE, else "default".</summary>
    public string ProfileName { get; init; } = "default";

    /// <summary>Named by the --profile flag: then, as for the AWS CLI, the environment's keys do not override it.</summary>
    public bool ProfileExplicit { get; init; }

    /// <summary>AWS_REGION, AWS_DEFAULT_REGION, else the profile's region; null when none is set.</summary>
    public string? Region { get; init; }

    public RetrySettings Retry { get; init; } = RetrySettings.Default;
    public EndpointSettings Endpoints { get; init; } = EndpointSettings.None;

    /// <summary>The certificates to trust instead of the system's (AWS_CA_BUNDLE, ca_bundle); null for the system store.</summary>
    public X509Certificate2Collection? CaBundle { get; init; }

    /// <summary>The shared config section of the profile in use; null when the files have none.</summary>
    public ConfigSection? Profile => Files.Profile(ProfileName);

    /// <summary>Settings built in code (tests, benchmarks): no environment, no files.</summary>
    public static AwsSettings Defaults { get; } = new() { Environment = AwsEnvironment.None, Files = SharedConfigFile.Empty };

    /// <param name="profile">The --profile flag (wins over AWS_PROFILE).</param>
    /// <param name="endpointUrl">The --endpoint-url flag (wins over every configured endpoint).</param>
    /// <exception cref="AwsConfigurationException">A setting or file cannot be used.</exception>
    public static AwsSettings Load(AwsEnvironment environment, string? profile = null, Uri? endpointUrl = null)
    {
        var files = SharedConfigFile.Load(environment.ConfigFile, environment.CredentialsFile);
        var name = profile ?? environment.Profile ?? "default";
        var section = files.Profile(name);
        var read = new SettingReader(environment, section, name);
        return new AwsSettings
        {
            Environment = environment,
            Files = files,
            ProfileName = name,
            ProfileExplicit = profile is not null,
            Region = environment.Region ?? section?["region"],
            Retry = new RetrySettings(read.RetryMode(), read.MaxAttempts()),
            Endpoints = EndpointSettings.Load(environment, files, section, name, endpointUrl, read),
            CaBundle = read.CaBundle(),
        };
    }

    /// <summary>Reads one setting from its environment variable, else the profile, naming where it came from.</summary>
    internal sealed class SettingReader(AwsEnvironment environment, ConfigSection? profile, string profileName)
    {
        public (string Value, string Source)? Get(string variable, string key)
        {
            if (environment[variable] is { } fromEnvironment)
                return (fromEnvironment, variable);
            if (profile?[key] is { } fromProfile)
                return (fromProfile, $"{key} in profile '{profileName}' of {profile.File}");
            return null;
        }

        public bool Flag(string variable, string key)
        {
            if (Get(variable, key) is not var (value, source))
                return false;
            return value.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new AwsConfigurationException($"{source} is '{value}': set it to true or false"),
            };
        }

        public RetryMode RetryMode()
        {
            if (Get("AWS_RETRY_MODE", "retry_mode") is not var (value, source))
                return RetrySettings.Default.Mode;
            return value.ToLowerInvariant() switch
            {
                "standard" => Configuration.RetryMode.Standard,
                "adaptive" => Configuration.RetryMode.Adaptive,
                "legacy" => Configuration.RetryMode.Legacy,
                _ => throw new AwsConfigurationException($"{source} is '{value}', not a retry mode: use standard, adaptive or legacy"),
            };
        }

        public int MaxAttempts()
        {
            if (Get("AWS_MAX_ATTEMPTS", "max_attempts") is not var (value, source))
                return RetrySettings.Default.MaxAttempts;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
                ? attempts
                : throw new AwsConfigurationException($"{source} is '{value}': give a whole number of attempts, 1 or more");
        }

        public X509Certificate2Collection? CaBundle()
        {
            if (Get("AWS_CA_BUNDLE", "ca_bundle") is not var (value, source))
                return null;
            var path = environment.Expand(value)!;
            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPemFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new AwsConfigurationException($"{source} names {path}, which cannot be read as PEM certificates ({e.Message.TrimEnd('.')}): point it at a readable PEM bundle or unset it");
            }
            return certificates.Count > 0 ? certificates
                : throw new AwsConfigurationException($"{source} names {path}, which holds no PEM certificate: point it at a PEM bundle or unset it");
        }
    }
}
