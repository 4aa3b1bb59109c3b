using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Tests.Configuration;

/// <summary>The environment and the shared config files read as the AWS CLI reads them, in one place.</summary>
public sealed class AwsSettingsTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-settings").FullName;
    private readonly Dictionary<string, string> environment = [];

    public AwsSettingsTests() => environment["HOME"] = home;

    public void Dispose() => Directory.Delete(home, recursive: true);

    private AwsSettings Load(string config = "", string credentials = "", string? profile = null, Uri? endpointUrl = null)
    {
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        File.WriteAllText(Path.Combine(home, ".aws", "config"), config);
        File.WriteAllText(Path.Combine(home, ".aws", "credentials"), credentials);
        return AwsSettings.Load(new AwsEnvironment(environment.GetValueOrDefault), profile, endpointUrl);
    }

    private AwsConfigurationException Rejects(string config = "", string? profile = null) =>
        Assert.Throws<AwsConfigurationException>(() => Load(config, profile: profile));

    [Fact]
    public void Without_settings_a_scan_retries_adaptively_ten_times_and_reaches_sts_in_its_region()
    {
        var settings = Load();

        Assert.Equal(new RetrySettings(RetryMode.Adaptive, 10), settings.Retry);
        Assert.True(settings.Endpoints.StsRegional);
        Assert.False(settings.Endpoints.UseFips);
        Assert.False(settings.Endpoints.UseDualStack);
        Assert.Null(settings.CaBundle);
        Assert.Null(settings.Region);
        Assert.Equal("default", settings.ProfileName);
        Assert.Null(settings.Endpoints.For("STS"));
    }

    [Fact]
    public void The_environment_wins_over_the_profile_for_retries()
    {
        const string config = "[profile audit]\nretry_mode = legacy\nmax_attempts = 4\n";

        Assert.Equal(new RetrySettings(RetryMode.Legacy, 4), Load(config, profile: "audit").Retry);
        environment["AWS_MAX_ATTEMPTS"] = "25";
        environment["AWS_RETRY_MODE"] = "Standard";
        Assert.Equal(new RetrySettings(RetryMode.Standard, 25), Load(config, profile: "audit").Retry);
    }

    [Theory]
    [InlineData("AWS_RETRY_MODE", "fast", "AWS_RETRY_MODE is 'fast', not a retry mode: use standard, adaptive or legacy")]
    [InlineData("AWS_MAX_ATTEMPTS", "0", "AWS_MAX_ATTEMPTS is '0': give a whole number of attempts, 1 or more")]
    [InlineData("AWS_MAX_ATTEMPTS", "three", "AWS_MAX_ATTEMPTS is 'three'")]
    [InlineData("AWS_STS_REGIONAL_ENDPOINTS", "global", "AWS_STS_REGIONAL_ENDPOINTS is 'global': use regional or legacy")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "yes", "AWS_USE_FIPS_ENDPOINT is 'yes': set it to true or false")]
    [InlineData("AWS_ENDPOINT_URL", "localhost:4566", "AWS_ENDPOINT_URL is 'localhost:4566', not an endpoint URL")]
    [InlineData("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "ftp://x", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS is 'ftp://x'")]
    public void A_bad_variable_is_named_with_its_fix(string variable, string value, string message)
    {
        environment[variable] = value;

        Assert.StartsWith(message, Rejects().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_profile_setting_names_the_profile_and_the_file()
    {
        var error = Rejects("[profile audit]\nretry_mode = turbo\n", profile: "audit");

        Assert.Equal($"retry_mode in profile 'audit' of {Path.Combine(home, ".aws", "config")} is 'turbo', not a retry mode: use standard, adaptive or legacy",
            error.Message);
    }

    [Fact]
    public void Custom_endpoints_follow_the_sdks_order()
    {
        const string config = """
            [profile audit]
            endpoint_url = http://profile:5
            services = local
            [services local]
            logs =
              endpoint_url = http://section-logs:4
            sts =
              endpoint_url = http://section-sts:6
            """;
        environment["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = "http://env-logs:2";

        var fromFiles = Load(config, profile: "audit").Endpoints;
        Assert.Equal("http://env-logs:2/", fromFiles.For("CloudWatch Logs")!.ToString());
        Assert.Equal("http://section-sts:6/", fromFiles.For("STS")!.ToString());
        Assert.Equal("http://profile:5/", fromFiles.For("IAM")!.ToString());

        environment["AWS_ENDPOINT_URL"] = "http://env-all:1";
        var withGlobal = Load(config, profile: "audit").Endpoints;
        Assert.Equal("http://env-logs:2/", withGlobal.For("CloudWatch Logs")!.ToString());
        Assert.Equal("http://env-all:1/", withGlobal.For("STS")!.ToString());

        var flag = Load(config, profile: "audit", endpointUrl: new Uri("http://flag:9")).Endpoints;
        Assert.Equal("http://flag:9/", flag.For("CloudWatch Logs")!.ToString());
    }

    [Fact]
    public void Configured_endpoints_can_be_ignored_from_the_environment_or_the_profile()
    {
        environment["AWS_ENDPOINT_URL"] = "http://x:1";
        const string config = "[default]\nignore_configured_endpoint_urls = true\n";

        Assert.Null(Load(config).Endpoints.For("STS"));
        Assert.Equal("http://flag:2/", Load(config, endpointUrl: new Uri("http://flag:2")).Endpoints.For("STS")!.ToString());
        environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
        Assert.Equal("http://x:1/", Load().Endpoints.For("STS")!.ToString());
    }

    [Fact]
    public void A_profile_naming_a_missing_services_section_is_rejected()
    {
        Assert.Contains("add a [services gone] section", Rejects("[default]\nservices = gone\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_service_id_has_its_variable_and_services_key()
    {
        foreach (var entry in ModelStore.AllOperations.Values)
            Assert.Matches("^[a-z0-9_]+$", EndpointSettings.ServiceKey(entry.ServiceId));
        Assert.Equal("cloudwatch_logs", EndpointSettings.ServiceKey("CloudWatch Logs"));
    }

    [Fact]
    public void Fips_dual_stack_and_legacy_sts_come_from_the_profile_or_the_environment()
    {
        const string config = "[default]\nuse_fips_endpoint = true\nsts_regional_endpoints = legacy\n";
        environment["AWS_USE_DUALSTACK_ENDPOINT"] = "TRUE";

        var endpoints = Load(config).Endpoints;

        Assert.True(endpoints.UseFips);
        Assert.True(endpoints.UseDualStack);
        Assert.False(endpoints.StsRegional);
    }

    [Fact]
    public void The_credentials_file_wins_over_the_config_file_for_one_profile()
    {
        var settings = Load("[profile audit]\nregion = eu-west-3\naws_access_key_id = FROMCONFIG\n",
            "[audit]\naws_access_key_id = FROMCREDENTIALS\n# a comment\n; another\n", profile: "audit");

        Assert.Equal("FROMCREDENTIALS", settings.Profile!["aws_access_key_id"]);
        Assert.Equal("eu-west-3", settings.Region);
        Assert.True(settings.ProfileExplicit);
    }

    [Fact]
    public void The_profile_comes_from_the_flag_else_AWS_PROFILE_and_the_region_from_the_environment_first()
    {
        const string config = "[default]\nregion = us-west-1\n[profile other]\nregion = ap-south-1\n";
        environment["AWS_PROFILE"] = "other";

        Assert.Equal("ap-south-1", Load(config).Region);
        Assert.False(Load(config).ProfileExplicit);
        Assert.Equal("us-west-1", Load(config, profile: "default").Region);
        environment["AWS_DEFAULT_REGION"] = "eu-north-1";
        Assert.Equal("eu-north-1", Load(config).Region);
        environment["AWS_REGION"] = "eu-south-1";
        Assert.Equal("eu-south-1", Load(config).Region);
    }

    [Fact]
    public void Files_in_other_places_come_from_their_variables_and_a_leading_tilde_is_home()
    {
        File.WriteAllText(Path.Combine(home, "elsewhere"), "[default]\nregion = sa-east-1\n");
        environment["AWS_CONFIG_FILE"] = "~/elsewhere";

        Assert.Equal("sa-east-1", AwsSettings.Load(new AwsEnvironment(environment.GetValueOrDefault)).Region);
    }

    [Fact]
    public void A_ca_bundle_is_loaded_and_an_unreadable_one_is_named()
    {
        var pem = Path.Combine(home, "ca.pem");
        using (var key = ECDsa.Create())
        {
            var request = new CertificateRequest("CN=cloud-audit test CA", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(pem, certificate.ExportCertificatePem());
        }
        environment["AWS_CA_BUNDLE"] = pem;
        Assert.Single(Load().CaBundle!);

        environment.Remove("AWS_CA_BUNDLE");
        var missing = Path.Combine(home, "missing.pem");
        var fromProfile = Rejects($"[default]\nca_bundle = {missing}\n");
        Assert.StartsWith($"ca_bundle in profile 'default' of {Path.Combine(home, ".aws", "config")} names {missing}, which cannot be read as PEM certificates",
            fromProfile.Message, StringComparison.Ordinal);

        File.WriteAllText(pem, "not a certificate");
        environment["AWS_CA_BUNDLE"] = pem;
        Assert.Contains("holds no PEM certificate", Rejects().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sso_sessions_and_nested_groups_are_read()
    {
        var files = Load("""
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            [profile dev]
            sso_session = corp
            s3 =
              addressing_style = path
            region = us-east-2
            """).Files;

        Assert.Equal("eu-west-1", files.SsoSession("corp")!["sso_region"]);
        Assert.Equal("path", files.Profile("dev")!.Group("s3")!["addressing_style"]);
        Assert.Equal("us-east-2", files.Profile("dev")!["region"]);
    }
}
