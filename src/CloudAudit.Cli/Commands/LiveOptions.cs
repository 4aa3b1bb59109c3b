using System.CommandLine;
using System.Text.RegularExpressions;
using CloudAudit.Collection;
using CloudAudit.Cli.Configuration;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Http;

namespace CloudAudit.Cli.Commands;

/// <summary>How live commands reach AWS. The defaults are the real ones; tests wrap the HTTP handler or shorten retries.</summary>
public sealed record AwsAccess
{
    public static AwsAccess Default { get; } = new();

    /// <summary>Adjusts the transport's settings after the command line has set them.</summary>
    public Func<AwsClientOptions, AwsClientOptions> Configure { get; init; } = options => options;

    /// <summary>
    /// The environment: CLOUD_AUDIT_ROLE_ARN, and every AWS variable through <see cref="AwsEnvironment"/> (the one
    /// place they are read). Defaults to the CLI's environment, which tests replace per run.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = CliEnvironment.Variable;

    /// <summary>Adjusts the collector's settings after the command line has set them (tests pace reads of recent activity faster).</summary>
    public Func<CollectorOptions, CollectorOptions> ConfigureCollector { get; init; } = options => options;

    /// <summary>
    /// Asks for the code of an MFA device (by serial) when a role's profile names mfa_serial and --mfa-code was not
    /// given: on a terminal, a prompt on stderr read from stdin; elsewhere null, and such a role is refused in one line.
    /// </summary>
    public Func<string, string>? MfaPrompt { get; init; } = Console.IsInputRedirected ? null : PromptOnTerminal;

    private static string PromptOnTerminal(string serial)
    {
        Console.Error.Write($"MFA code for {serial}: ");
        return Console.ReadLine() ?? "";
    }
}

/// <summary>Where and as whom a live command connects, resolved from its options, the environment and the shared config files.</summary>
/// <param name="EventWindow">How far back reads of recent activity (CloudTrail's event history) look.</param>
public sealed record LiveTarget(AwsSettings Settings, CredentialOptions Credentials, string HomeRegion, TimeSpan EventWindow);

/// <summary>The credential and endpoint options that <c>scan</c> and <c>collect</c> share.</summary>
public sealed partial class LiveOptions
{
    public const string RoleArnVariable = "CLOUD_AUDIT_ROLE_ARN";

    public Option<string?> Profile { get; } = new("--profile") { Description = "AWS profile from your shared config/credentials files" };
    public Option<string?> RoleArn { get; } = new("--role-arn") { Description = $"Assume this IAM role first, e.g. to scan another account (also {RoleArnVariable})" };
    public Option<string?> ExternalId { get; } = new("--external-id") { Description = "External ID the role's trust policy requires" };
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url") { Description = "Send every AWS request to this URL (an emulator, a proxy); AWS_ENDPOINT_URL also works" };
    public Option<string?> MfaCode { get; } = new("--mfa-code") { Description = "The current code of the MFA device a profile's mfa_serial names (asked on a terminal otherwise)" };
    public Option<string?> Since { get; } = new("--since")
    {
        Description = "How far back the threat detectors read CloudTrail's event history, up to the collection time: 1h to 90d (default 24h)",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Profile, RoleArn, ExternalId, EndpointUrl, MfaCode, Since })
            command.Options.Add(option);
    }

    /// <summary>The --since window: a number and a unit (m, h, d or w), from one hour to CloudTrail's 90 days of event history.</summary>
    public static TimeSpan EventWindow(string? since)
    {
        if (since is null) return CollectorOptions.DefaultEventWindow;
        var match = WindowPattern().Match(since.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var count) || count > 1_000_000)
            throw new UsageException($"invalid --since '{since}' (expected a duration such as 6h, 24h, 7d or 90d)");
        var window = char.ToLowerInvariant(match.Groups[2].Value[0]) switch
        {
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => TimeSpan.FromDays(7 * count),
        };
        if (window < CollectorOptions.MinEventWindow || window > CollectorOptions.MaxEventWindow)
            throw new UsageException($"--since {since} is outside 1h to 90d (CloudTrail keeps 90 days of event history)");
        return window;
    }

    [GeneratedRegex("^([0-9]{1,7})([mhdwMHDW])$")]
    private static partial Regex WindowPattern();

    /// <param name="regions">The regions asked for; they pick the home region when the environment names none of their partition.</param>
    /// <param name="configProfile">The configuration file's profile, used when no flag names one.</param>
    /// <param name="configRoleArn">The configuration's role, used when neither flag nor environment names one.</param>
    /// <param name="multiAccount">A run over several accounts, whose role in each account takes --external-id too.</param>
    public LiveTarget Resolve(ParseResult result, IReadOnlyList<string> regions, AwsAccess access,
        string? configProfile = null, string? configRoleArn = null, bool multiAccount = false)
    {
        var roleArn = result.GetValue(RoleArn) ?? NonEmpty(access.Environment(RoleArnVariable)) ?? NonEmpty(configRoleArn);
        if (roleArn is not null && !RoleArnPattern().IsMatch(roleArn))
            throw new UsageException($"invalid role ARN '{roleArn}' (expected arn:aws:iam::123456789012:role/NAME)");
        var externalId = result.GetValue(ExternalId);
        if (externalId is not null && roleArn is null && !multiAccount)
            throw new UsageException("--external-id needs --role-arn (or CLOUD_AUDIT_ROLE_ARN), --organization or --accounts");

        Uri? endpoint = null;
        if (result.GetValue(EndpointUrl) is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            throw new UsageException($"invalid --endpoint-url '{url}' (expected http:// or https:// and a host)");

        var mfaCode = result.GetValue(MfaCode);
        if (mfaCode is not null && !MfaCodePattern().IsMatch(mfaCode))
            throw new UsageException($"invalid --mfa-code '{mfaCode}' (expected the device's 6-digit code)");

        var profile = result.GetValue(Profile) ?? NonEmpty(configProfile);
        AwsSettings settings;
        try
        {
            settings = AwsSettings.Load(new AwsEnvironment(access.Environment), profile, endpoint);
        }
        catch (AwsConfigurationException e)
        {
            throw new UsageException(e.Message);
        }
        var window = EventWindow(result.GetValue(Since));
        var home = HomeRegion(settings, regions);
        var mfa = mfaCode is not null ? _ => mfaCode : access.MfaPrompt;
        return new LiveTarget(settings, new CredentialOptions(roleArn, externalId, MfaCode: mfa), home, window);
    }

    /// <summary>
    /// AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1 — unless the regions asked for lie in
    /// another partition, where the first of them is home.
    /// </summary>
    public static string HomeRegion(AwsSettings settings, IReadOnlyList<string> regions)
    {
        var configured = settings.Region ?? "us-east-1";
        if (!RegionNames.IsValid(configured))
            throw new UsageException($"the configured region '{configured}' is not a region name");
        return regions.Count > 0 && AwsClient.PartitionOf(regions[0]) != AwsClient.PartitionOf(configured) ? regions[0] : configured;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex MfaCodePattern();
}
