using System.CommandLine;
using CloudAudit.Cli.Commands;
using CloudAudit.Transport.Configuration;

namespace CloudAudit.Cli.Tests;

public class LiveOptionsTests
{
    private static AwsAccess With(Dictionary<string, string> environment) => new()
    {
        Environment = name => environment.GetValueOrDefault(name) ?? (name.StartsWith("AWS_", StringComparison.Ordinal) && name.EndsWith("_FILE", StringComparison.Ordinal) ? "/nonexistent" : null),
    };

    /// <summary>The settings an environment and a shared config file (in a fresh home) give.</summary>
    private static AwsSettings Settings(Dictionary<string, string> environment, string config = "", string? profile = null)
    {
        var home = Directory.CreateTempSubdirectory("cloud-audit-live").FullName;
        File.WriteAllText(Path.Combine(home, "config"), config);
        environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
        return AwsSettings.Load(new AwsEnvironment(environment.GetValueOrDefault), profile);
    }

    [Theory]
    [InlineData("eu-west-3", "eu-north-1", "ap-south-1", "eu-west-3")]
    [InlineData(null, "eu-north-1", "ap-south-1", "eu-north-1")]
    [InlineData(null, null, "ap-south-1", "ap-south-1")]
    [InlineData(null, null, null, "us-east-1")]
    public void The_home_region_is_AWS_REGION_then_AWS_DEFAULT_REGION_then_the_profiles_then_us_east_1(
        string? region, string? defaultRegion, string? profileRegion, string expected)
    {
        var environment = new Dictionary<string, string>();
        if (region is not null) environment["AWS_REGION"] = region;
        if (defaultRegion is not null) environment["AWS_DEFAULT_REGION"] = defaultRegion;
        var config = profileRegion is null ? "" : $"[default]\nregion = {profileRegion}\n";

        Assert.Equal(expected, LiveOptions.HomeRegion(Settings(environment, config), []));
    }

    [Fact]
    public void The_profile_asked_for_names_the_region()
    {
        var config = "[default]\nregion = us-west-2\n[profile audit]\nregion = eu-central-2\n";

        Assert.Equal("eu-central-2", LiveOptions.HomeRegion(Settings([], config, profile: "audit"), []));
        Assert.Equal("eu-central-2", LiveOptions.HomeRegion(Settings(new() { ["AWS_PROFILE"] = "audit" }, config), []));
        Assert.Equal("us-west-2", LiveOptions.HomeRegion(Settings([], config), []));
    }

    [Fact]
    public void Regions_in_another_partition_bring_their_own_home()
    {
        var settings = Settings(new() { ["AWS_REGION"] = "us-east-1" });

        Assert.Equal("cn-north-1", LiveOptions.HomeRegion(settings, ["cn-north-1", "cn-northwest-1"]));
        Assert.Equal("us-east-1", LiveOptions.HomeRegion(settings, ["eu-west-1"]));
    }

    [Fact]
    public void The_role_comes_from_CLOUD_AUDIT_ROLE_ARN_when_not_given()
    {
        var live = new LiveOptions();
        var command = new RootCommand();
        live.AddTo(command);
        var access = With(new() { ["CLOUD_AUDIT_ROLE_ARN"] = "arn:aws:iam::123456789012:role/audit" });

        var fromEnvironment = live.Resolve(command.Parse([]), [], access);
        var fromFlag = live.Resolve(command.Parse(["--role-arn", "arn:aws:iam::210987654321:role/other", "--external-id", "x1"]), [], access);

        Assert.Equal("arn:aws:iam::123456789012:role/audit", fromEnvironment.Credentials.RoleArn);
        Assert.Equal("arn:aws:iam::210987654321:role/other", fromFlag.Credentials.RoleArn);
        Assert.Equal("x1", fromFlag.Credentials.ExternalId);
    }

    [Theory]
    [InlineData("--role-arn", "arn:aws:iam::123:role/x", "invalid role ARN")]
    [InlineData("--external-id", "abc", "--external-id needs --role-arn")]
    [InlineData("--endpoint-url", "localhost:4566", "invalid --endpoint-url")]
    public void Bad_live_options_are_one_line_and_exit_2_before_any_AWS_call(string option, string value, string message)
    {
        var run = CliRunner.Run("scan", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Collect_requires_an_output_file()
    {
        var run = CliRunner.Run("collect");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--output", run.Stderr);
    }
}
