using System.Diagnostics;
using System.Text.Json;
using CloudAudit.Cli.Output;

namespace CloudAudit.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ReportFormatsTests
{
    /// <summary>The demo's active finding count, from its JSON report: every format must carry the same findings.</summary>
    private static readonly Lazy<int> DemoFindings = new(() =>
        JsonDocument.Parse(CliRunner.Run("demo", "--format", "json").Stdout).RootElement.GetProperty("summary").GetProperty("total_findings").GetInt32());

    /// <summary>What each file format's content must start with (or be), read back.</summary>
    private static bool IsChainEvent(JsonElement e) => e.GetProperty("finding_info").GetProperty("types")[0].GetString() == "Attack Chain";

    private static void AssertLooksLike(ReportFormat format, string text)
    {
        var findings = DemoFindings.Value;
        switch (format)
        {
            case ReportFormat.Json:
                Assert.Equal("1.0", JsonDocument.Parse(text).RootElement.GetProperty("schema_version").GetString());
                break;
            case ReportFormat.Sarif:
                Assert.Equal("2.1.0", JsonDocument.Parse(text).RootElement.GetProperty("version").GetString());
                break;
            // One event per finding, then one per attack chain.
            case ReportFormat.Ocsf:
                Assert.Equal(findings, JsonDocument.Parse(text).RootElement.EnumerateArray().Count(e => !IsChainEvent(e)));
                break;
            case ReportFormat.OcsfJsonl:
                Assert.Equal(findings, text.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement)
                    .Count(e => e.GetProperty("class_uid").GetInt32() == 2004 && !IsChainEvent(e)));
                break;
            case ReportFormat.Html:
                Assert.StartsWith("<!DOCTYPE html>", text);
                Assert.EndsWith("</html>\n", text);
                break;
            case ReportFormat.Markdown:
                Assert.StartsWith($"## cloud-audit: {findings} finding(s)", text);
                break;
            case ReportFormat.Csv:
                Assert.StartsWith("account,region,check_id,severity,", text);
                Assert.Equal(findings + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("210987654321,", StringComparison.Ordinal)
                    || l.StartsWith("310987654322,", StringComparison.Ordinal) || l.StartsWith("410987654323,", StringComparison.Ordinal) || l.StartsWith("account,", StringComparison.Ordinal)));
                break;
            default:
                Assert.Contains("Health score", text);
                break;
        }
    }

    [Theory]
    [InlineData("json", ReportFormat.Json)]
    [InlineData("html", ReportFormat.Html)]
    [InlineData("sarif", ReportFormat.Sarif)]
    [InlineData("markdown", ReportFormat.Markdown)]
    [InlineData("md", ReportFormat.Markdown)]
    [InlineData("csv", ReportFormat.Csv)]
    [InlineData("ocsf", ReportFormat.Ocsf)]
    [InlineData("ocsf-jsonl", ReportFormat.OcsfJsonl)]
    [InlineData("console", ReportFormat.Console)]
    public void Demo_renders_in_every_format_to_a_file_and_to_stdout(string name, ReportFormat format)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "report.out");
        var toFile = CliRunner.Run("demo", "--format", name, "--output", path);
        Assert.Equal(1, toFile.ExitCode);
        Assert.Equal("", toFile.Stdout);
        AssertLooksLike(format, File.ReadAllText(path));
        var toStdout = CliRunner.Run("demo", "--format", name);
        Assert.Equal(1, toStdout.ExitCode);
        AssertLooksLike(format, format == ReportFormat.Html ? toStdout.Stdout.TrimEnd('\n') + "\n" : toStdout.Stdout);
    }

    [Theory]
    [InlineData("report.json", ReportFormat.Json)]
    [InlineData("report.html", ReportFormat.Html)]
    [InlineData("report.htm", ReportFormat.Html)]
    [InlineData("report.sarif", ReportFormat.Sarif)]
    [InlineData("report.sarif.json", ReportFormat.Sarif)]
    [InlineData("report.md", ReportFormat.Markdown)]
    [InlineData("REPORT.MD", ReportFormat.Markdown)]
    [InlineData("report.csv", ReportFormat.Csv)]
    [InlineData("report.ocsf.json", ReportFormat.Ocsf)]
    [InlineData("report.ocsf", ReportFormat.Ocsf)]
    [InlineData("report.ocsf.jsonl", ReportFormat.OcsfJsonl)]
    [InlineData("report.jsonl", ReportFormat.OcsfJsonl)]
    [InlineData("report.txt", ReportFormat.Console)]
    public void The_format_is_inferred_from_the_output_extension(string file, ReportFormat format)
    {
        Assert.Equal(format, ReportFormats.Resolve(null, file));
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, file);
        Assert.Equal(1, CliRunner.Run("demo", "--output", path).ExitCode);
        AssertLooksLike(format, File.ReadAllText(path));
    }

    [Fact]
    public void Export_fixes_writes_an_owner_only_script_that_bash_accepts()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var script = Path.Combine(dir, "fixes.sh");
        var run = CliRunner.Run("demo", "--export-fixes", script, "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var _ = JsonDocument.Parse(run.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(script));
        var text = File.ReadAllText(script);
        Assert.StartsWith("#!/usr/bin/env bash\n", text);
        Assert.Contains("# aws cloudtrail update-trail --region eu-west-1 --name legacy-eu-trail --enable-log-file-validation", text);
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, errors);
        Assert.Equal(["fixes.sh"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_fixes_never_follows_a_symlink()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var target = Path.Combine(dir, "victim.sh");
        File.WriteAllText(target, "keep");
        var link = Path.Combine(dir, "fixes.sh");
        File.CreateSymbolicLink(link, target);
        var run = CliRunner.Run("demo", "--export-fixes", link, "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("symbolic link", run.Stderr);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("sarif")]
    [InlineData("csv")]
    public void Every_format_refuses_a_symlinked_output(string format)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var target = Path.Combine(dir, "target");
        File.WriteAllText(target, "keep");
        var link = Path.Combine(dir, "report." + format);
        File.CreateSymbolicLink(link, target);
        var run = CliRunner.Run("demo", "--output", link);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("keep", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(dir).Length);
    }
}
