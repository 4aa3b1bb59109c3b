using System.Globalization;

namespace CloudAudit.Transport.Credentials;

/// <summary>Keys given as they are: the environment's AWS_ACCESS_KEY_ID …, or a profile's aws_access_key_id ….</summary>
internal sealed class StaticCredentialProvider(string source, AwsCredentials credentials) : ICredentialProvider
{
    public string Source { get; } = source;

    public Task<AwsCredentials> FetchAsync(CancellationToken cancellation) => Task.FromResult(credentials);

    /// <summary>Keys from the environment, or null when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.</summary>
    public static StaticCredentialProvider? FromEnvironment(Configuration.AwsEnvironment environment)
    {
        if (environment.AccessKeyId is not { } key || environment.SecretAccessKey is not { } secret)
            return null;
        DateTimeOffset? expiration = environment.CredentialExpiration is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new StaticCredentialProvider("the environment (AWS_ACCESS_KEY_ID)", new AwsCredentials(key, secret, environment.SessionToken, expiration));
    }

    /// <summary>Keys written in a profile, or null when it has none.</summary>
    public static StaticCredentialProvider? FromProfile(string name, Configuration.ConfigSection profile)
    {
        if (profile["aws_access_key_id"] is not { } key)
            return null;
        var secret = profile["aws_secret_access_key"]
            ?? throw new NoCredentialsException($"profile '{name}' in {profile.File} has aws_access_key_id but no aws_secret_access_key");
        return new StaticCredentialProvider($"profile '{name}'", new AwsCredentials(key, secret, profile["aws_session_token"] ?? profile["aws_security_token"]));
    }
}
