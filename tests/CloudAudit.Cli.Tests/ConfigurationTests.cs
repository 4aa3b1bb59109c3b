using System.Text.Json;
using CloudAudit.Cli.Configuration;

namespace CloudAudit.Cli.Tests;

public class ConfigurationTests
{
    private static readonly string ReferenceConfig = Path.Combine(CliRunner.RepoRoot(), "tests", "CloudAudit.Cli.Tests", "Fixtures", "reference.cloud-audit.yml");

    private static readonly Lazy<string> Snapshot = new(() =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-config-").FullName, "demo.json.gz");
        Assert.Equal(1, CliRunner.Run("demo", "--save-snapshot", path, "--quiet").ExitCode);
        return path;
    });

    /// <summary>Runs the CLI with only <paramref name="environment"/> as its environment, in <paramref name="directory"/>.</summary>
    private static CliRun Run(IReadOnlyDictionary<string, string>? environment, string? directory, params string[] args)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        variables.TryAdd("CLOUD_AUDIT_HISTORY", CloudAudit.Testing.TestHistory.Path);
        using (CliEnvironment.Use(variables, directory ?? Directory.CreateTempSubdirectory().FullName))
            return CliRunner.Run(args);
    }

    private static string WriteConfig(string yaml, string? directory = null)
    {
        var dir = directory ?? Directory.CreateTempSubdirectory("cloud-audit-config-").FullName;
        var path = Path.Combine(dir, ".cloud-audit.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static IEnumerable<JsonElement> Results(JsonElement report) => report.GetProperty("results").EnumerateArray();

    [Fact]
    public void A_reference_style_config_works_unchanged()
    {
        var run = Run(null, null, "demo", "--config", ReferenceConfig, "--format", "json");
        var report = Json(run);
        Assert.Equal(new[] { "eu-west-1", "us-east-1" }, report.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("low", report.GetProperty("min_severity").GetString());
        Assert.DoesNotContain(Results(report), r => r.GetProperty("check_id").GetString() == "aws-sh-001");
        Assert.DoesNotContain(Results(report), r => r.GetProperty("check_id").GetString() == "aws-tf-003");
        Assert.DoesNotContain("aws-tf-003 is not a check", run.Stderr);
        Assert.Contains("aws-s3-099 is not a check of this version", run.Stderr);

        var suppressed = Results(report).SelectMany(r => r.GetProperty("suppressed_findings").EnumerateArray()).ToList();
        var dev = suppressed.Single(s => s.GetProperty("finding").GetProperty("check_id").GetString() == "aws-ct-005");
        Assert.Equal("arn:aws:cloudtrail:us-east-1:310987654322:trail/dev-trail", dev.GetProperty("finding").GetProperty("resource_id").GetString());
        Assert.Equal("security@northwind.example", dev.GetProperty("suppression").GetProperty("accepted_by").GetString());
        Assert.Equal("2099-12-31", dev.GetProperty("suppression").GetProperty("expires").GetString());
        Assert.Contains(suppressed, s => s.GetProperty("finding").GetProperty("check_id").GetString() == "aws-ct-006");
        Assert.Contains(suppressed, s => s.GetProperty("finding").GetProperty("check_id").GetString() == "aws-ct-007");
        Assert.Equal(suppressed.Count, report.GetProperty("summary").GetProperty("findings_suppressed").GetInt32());

        // The expired suppression is reported as expired, and its finding counts again.
        var expired = report.GetProperty("expired_suppressions").EnumerateArray().Single();
        Assert.Equal("aws-cw-016", expired.GetProperty("check_id").GetString());
        Assert.Contains(Results(report), r => r.GetProperty("check_id").GetString() == "aws-cw-016" && r.GetProperty("findings").GetArrayLength() == 1);
    }

    [Fact]
    public void Suppressions_raise_the_score_and_show_in_the_console_only_when_asked()
    {
        var plain = Json(Run(null, null, "demo", "--format", "json", "--regions", "eu-west-1,us-east-1", "--exclude-checks", "aws-sh-001"));
        var configured = Json(Run(null, null, "demo", "--config", ReferenceConfig, "--format", "json"));
        Assert.True(configured.GetProperty("summary").GetProperty("total_findings").GetInt32() < plain.GetProperty("summary").GetProperty("total_findings").GetInt32());

        var hidden = Run(null, null, "demo", "--config", ReferenceConfig);
        Assert.Contains("suppressed by the configuration; --show-suppressed lists them", hidden.Stdout);
        Assert.DoesNotContain("Dev trail logs hold no customer data", hidden.Stdout);
        Assert.Contains("Expired suppression", hidden.Stdout);

        var shown = Run(null, null, "demo", "--config", ReferenceConfig, "--show-suppressed");
        Assert.Contains("SUPPRESSED", shown.Stdout);
        Assert.Contains("reason: Dev trail logs hold no customer data", shown.Stdout);
        Assert.Contains("accepted by security@northwind.example; expires 2099-12-31", shown.Stdout);
    }

    [Fact]
    public void A_suppression_naming_accounts_suppresses_the_finding_there_only()
    {
        var dir = Path.GetDirectoryName(WriteConfig("""
            suppressions:
              - check_id: aws-ec2-004
                account_id: ["3109*"]
                reason: Development instances are rebuilt nightly
            """))!;

        var report = Json(Run(null, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json"));

        var result = Results(report).Where(r => r.GetProperty("check_id").GetString() == "aws-ec2-004").ToList();
        var suppressed = result.SelectMany(r => r.GetProperty("suppressed_findings").EnumerateArray()).ToList();
        var active = result.SelectMany(r => r.GetProperty("findings").EnumerateArray()).ToList();
        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, s => Assert.Equal("310987654322", s.GetProperty("finding").GetProperty("account_id").GetString()));
        Assert.Equal(["3109*"], suppressed[0].GetProperty("suppression").GetProperty("account_id").EnumerateArray().Select(a => a.GetString()));
        Assert.NotEmpty(active);
        Assert.DoesNotContain(active, f => f.GetProperty("account_id").GetString() == "310987654322");
    }

    [Fact]
    public void A_suppression_account_that_is_neither_an_account_ID_nor_a_glob_is_refused()
    {
        var dir = Path.GetDirectoryName(WriteConfig("""
            suppressions:
              - check_id: aws-ec2-004
                account_id: "31098765"
                reason: Development instances are rebuilt nightly
            """))!;

        var run = Run(null, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'31098765' is not a 12-digit account ID", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Scan_reads_the_config_in_the_working_directory_and_demo_does_not()
    {
        var dir = Path.GetDirectoryName(WriteConfig("min_severity: critical\n"))!;
        var scan = Json(Run(null, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json"));
        Assert.Equal("critical", scan.GetProperty("min_severity").GetString());
        var demo = Json(Run(null, dir, "demo", "--format", "json"));
        Assert.Equal(JsonValueKind.Null, demo.GetProperty("min_severity").ValueKind);
    }

    [Fact]
    public void Flags_win_over_the_environment_which_wins_over_the_file()
    {
        var dir = Path.GetDirectoryName(WriteConfig("min_severity: critical\nregions: [eu-west-1]\n"))!;
        var env = new Dictionary<string, string> { ["CLOUD_AUDIT_MIN_SEVERITY"] = "HIGH", ["CLOUD_AUDIT_REGIONS"] = "us-east-1,eu-west-1" };
        var fromEnv = Json(Run(env, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json"));
        Assert.Equal("high", fromEnv.GetProperty("min_severity").GetString());
        Assert.Equal(2, fromEnv.GetProperty("regions").GetArrayLength());
        var fromFlags = Json(Run(env, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json", "--min-severity", "medium", "--regions", "eu-central-1"));
        Assert.Equal("medium", fromFlags.GetProperty("min_severity").GetString());
        Assert.Equal(new[] { "eu-central-1" }, fromFlags.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        var fromFile = Json(Run(null, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json"));
        Assert.Equal("critical", fromFile.GetProperty("min_severity").GetString());
        Assert.Equal(new[] { "eu-west-1" }, fromFile.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Excluded_checks_add_up_from_file_environment_and_flags()
    {
        var dir = Path.GetDirectoryName(WriteConfig("exclude_checks: [aws-ct-001]\n"))!;
        var env = new Dictionary<string, string> { ["CLOUD_AUDIT_EXCLUDE_CHECKS"] = "aws-ct-002, aws-ct-003", ["CLOUD_AUDIT_NO_SUPPORT_LINE"] = "1" };
        var report = Json(Run(env, dir, "scan", "--snapshot", Snapshot.Value, "--format", "json", "--exclude-checks", "aws-ct-004"));
        var ids = Results(report).Select(r => r.GetProperty("check_id").GetString()).ToHashSet();
        Assert.DoesNotContain("aws-ct-001", ids);
        Assert.DoesNotContain("aws-ct-002", ids);
        Assert.DoesNotContain("aws-ct-003", ids);
        Assert.DoesNotContain("aws-ct-004", ids);
        Assert.Contains("aws-ct-005", ids);
    }

    [Theory]
    [InlineData("colour: blue\n", ":1: colour: unknown key")]
    [InlineData("regions: eu-west-1\n", ":1: regions: expected a list")]
    [InlineData("regions:\n  - eu-west-1\n  - moon-1\n", ":3: regions: invalid region 'moon-1'")]
    [InlineData("min_severity: severe\n", ":1: min_severity: invalid severity")]
    [InlineData("provider: gcp\n", ":1: provider: unsupported provider")]
    [InlineData("exclude_checks: [iam-1]\n", ":1: exclude_checks: 'iam-1' is not a check ID")]
    [InlineData("suppressions:\n  - check_id: aws-ct-001\n    reason: ok\n    expires: 31/12/2026\n", ":4: suppressions[0].expires: '31/12/2026' is not a date")]
    [InlineData("suppressions:\n  - check_id: aws-ct-001\n    reason: ok\n    expires: 2026-02-30\n", ":4: suppressions[0].expires")]
    [InlineData("suppressions:\n  - check_id: aws-ct-001\n    resource_id: x\n", ":2: suppressions[0].reason: required")]
    [InlineData("suppressions:\n  - check_id: aws-ct-001\n    reason: \"\"\n", ":3: suppressions[0].reason: required")]
    [InlineData("suppressions:\n  - reason: ok\n", ":2: suppressions[0].check_id: required")]
    [InlineData("suppressions:\n  - check_id: aws-ct-001\n    reason: ok\n    owner: bob\n", ":4: suppressions[0].owner: unknown key")]
    [InlineData("suppressions:\n  check_id: aws-ct-001\n", ":2: suppressions: expected a list")]
    [InlineData("suppressions:\n  - aws-ct-001\n", ":2: suppressions[0]: expected a mapping")]
    [InlineData("- just\n- a list\n", ":1: the top level: expected a mapping")]
    [InlineData("regions: [eu-west-1\n", "invalid YAML")]
    public void A_bad_config_is_one_line_naming_file_line_and_key_and_exit_2(string yaml, string message)
    {
        var path = WriteConfig(yaml);
        var run = Run(null, null, "demo", "--config", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {path}:", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_bad_implicit_config_stops_a_scan_too()
    {
        var dir = Path.GetDirectoryName(WriteConfig("unknown: 1\n"))!;
        var run = Run(null, dir, "scan", "--snapshot", Snapshot.Value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(".cloud-audit.yml:1: unknown: unknown key", run.Stderr);
    }

    [Fact]
    public void An_empty_config_means_defaults()
    {
        var run = Run(null, null, "demo", "--config", WriteConfig("# nothing yet\n"), "--format", "json");
        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("CLOUD_AUDIT_MIN_SEVERITY", "severe", "CLOUD_AUDIT_MIN_SEVERITY: invalid severity")]
    [InlineData("CLOUD_AUDIT_REGIONS", "eu-west-1,moon", "CLOUD_AUDIT_REGIONS: invalid region 'moon'")]
    [InlineData("CLOUD_AUDIT_EXCLUDE_CHECKS", "ct-1", "CLOUD_AUDIT_EXCLUDE_CHECKS: 'ct-1' is not a check ID")]
    public void A_bad_environment_variable_is_exit_2_naming_it(string name, string value, string message)
    {
        var run = Run(new Dictionary<string, string> { [name] = value }, null, "scan", "--snapshot", Snapshot.Value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public void A_missing_explicit_config_is_exit_2()
    {
        var run = Run(null, null, "demo", "--config", "/nonexistent/cloud-audit.yml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("config file not found", run.Stderr);
    }

    [Fact]
    public void Role_and_profile_reach_the_scan_request()
    {
        var options = new Commands.ScanOptions();
        var command = new System.CommandLine.Command("scan");
        options.AddTo(command);
        using (CliEnvironment.Use(new Dictionary<string, string> { ["CLOUD_AUDIT_ROLE_ARN"] = "arn:aws:iam::123456789012:role/audit" }))
        {
            var request = options.Resolve(command.Parse(["--config", ReferenceConfig]), ambientConfig: true);
            Assert.Equal("arn:aws:iam::123456789012:role/audit", request.RoleArn);
            Assert.Equal("production", request.Profile);
            Assert.Equal(ReferenceConfig, request.ConfigPath);
        }
    }
}
