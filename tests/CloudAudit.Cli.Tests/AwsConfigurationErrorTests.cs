using System.Security.Cryptography;
using System.Text;
using CloudAudit.Cli.Configuration;

namespace CloudAudit.Cli.Tests;

/// <summary>AWS settings a scan cannot use end it before any request: exit 2, one line naming the setting or file and the fix.</summary>
public sealed class AwsConfigurationErrorTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-aws-config").FullName;
    private readonly Dictionary<string, string> environment = [];

    public AwsConfigurationErrorTests()
    {
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        environment["HOME"] = home;
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        // Nothing may be sent: any request would fail on this closed port.
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
    }

    public void Dispose() => Directory.Delete(home, recursive: true);

    private string ConfigPath => Path.Combine(home, ".aws", "config");

    private string OneLineError(string config, params string[] args)
    {
        File.WriteAllText(ConfigPath, config);
        var output = Path.Combine(home, "report.json");
        CliRun run;
        using (CliEnvironment.Use(environment, home))
            run = CliRunner.Run(["scan", "--format", "json", "--output", output, .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(output), "nothing is written");
        return Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unknown_retry_mode_in_the_environment()
    {
        environment["AWS_RETRY_MODE"] = "fast";

        Assert.Equal("error: AWS_RETRY_MODE is 'fast', not a retry mode: use standard, adaptive or legacy", OneLineError(""));
    }

    [Fact]
    public void An_unknown_retry_mode_in_the_profile()
    {
        Assert.Equal($"error: retry_mode in profile 'audit' of {ConfigPath} is 'turbo', not a retry mode: use standard, adaptive or legacy",
            OneLineError("[profile audit]\nretry_mode = turbo\n", "--profile", "audit"));
    }

    [Fact]
    public void An_unreadable_ca_bundle()
    {
        var bundle = Path.Combine(home, "corporate-ca.pem");
        environment["AWS_CA_BUNDLE"] = bundle;

        var line = OneLineError("");

        Assert.StartsWith($"error: AWS_CA_BUNDLE names {bundle}, which cannot be read as PEM certificates", line, StringComparison.Ordinal);
        Assert.EndsWith("point it at a readable PEM bundle or unset it", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"accessToken\": \"x\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}", "expired at 2020-01-01 00:00:00Z")]
    [InlineData("{\"accessToken\": ", "is corrupt")]
    public void An_expired_or_corrupt_sso_token_cache(string cache, string problem)
    {
        var directory = Path.Combine(home, ".aws", "sso", "cache");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))) + ".json");
        File.WriteAllText(file, cache);

        var line = OneLineError("""
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = SecurityAudit
            """, "--profile", "dev");

        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.EndsWith("run `aws sso login --sso-session corp`", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_behind_mfa_without_a_code_off_a_terminal()
    {
        File.WriteAllText(Path.Combine(home, ".aws", "credentials"), "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");

        var line = OneLineError("[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n",
            "--profile", "admin");

        Assert.Equal("error: profile 'admin' assumes arn:aws:iam::111111111111:role/Admin with the MFA device arn:aws:iam::111111111111:mfa/me: "
            + "pass its code with --mfa-code, or run on a terminal to be asked for it", line);
    }

    [Fact]
    public void An_mfa_code_that_is_not_six_digits() =>
        Assert.Equal("error: invalid --mfa-code '12ab56' (expected the device's 6-digit code)", OneLineError("", "--mfa-code", "12ab56"));
}
