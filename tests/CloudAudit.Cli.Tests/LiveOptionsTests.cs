using System.CommandLine;
using CloudAudit.Cli.Commands;

namespace CloudAudit.Cli.Tests;

public class LiveOptionsTests
{
    private static AwsAccess With(Dictionary<string, string> environment, string? profileRegion = null) => new()
    {
        Environment = name => environment.GetValueOrDefault(name),
        ProfileRegion = _ => profileRegion,
    };

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

        Assert.Equal(expected, LiveOptions.HomeRegion(null, [], With(environment, profileRegion)));
    }

    [Fact]
    public void The_profile_asked_for_names_the_region()
    {
        var asked = new List<string>();
        var access = new AwsAccess { Environment = _ => null, ProfileRegion = p => { asked.Add(p); return "eu-central-2"; } };

        Assert.Equal("eu-central-2", LiveOptions.HomeRegion("audit", [], access));
        Assert.Equal(["audit"], asked);
    }

    [Fact]
    public void Regions_in_another_partition_bring_their_own_home()
    {
        var access = With(new() { ["AWS_REGION"] = "us-east-1" });

        Assert.Equal("cn-north-1", LiveOptions.HomeRegion(null, ["cn-north-1", "cn-northwest-1"], access));
        Assert.Equal("us-east-1", LiveOptions.HomeRegion(null, ["eu-west-1"], access));
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
