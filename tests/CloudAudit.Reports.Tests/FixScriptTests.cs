using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Reports.FixScript;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FixScriptTests
{
    private static string Script(ScanReport report) => Render.ToText(FixScriptWriter.Write, report);

    public static (int Code, string Output) Bash(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    [Fact]
    public void Starts_as_a_strict_bash_script_that_says_to_review_it()
    {
        var lines = Script(TestReports.Demo()).Split('\n');
        Assert.Equal("#!/usr/bin/env bash", lines[0]);
        Assert.Contains("set -euo pipefail", lines);
        Assert.Contains(lines.Take(10), l => l.Contains("REVIEW BEFORE RUNNING", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_line_but_set_is_a_comment_so_nothing_runs_until_reviewed()
    {
        var lines = Script(TestReports.Demo()).Split('\n').Skip(1).Where(l => l.Length > 0);
        Assert.All(lines, l => Assert.True(l.StartsWith('#') || l == "set -euo pipefail", l));
    }

    [Fact]
    public void Groups_fixes_by_severity_most_severe_first_and_leaves_suppressed_out()
    {
        var report = TestReports.Of([
            TestReports.Finding("low-trail", severity: Checks.Framework.Severity.Low),
            TestReports.Finding("critical-trail", severity: Checks.Framework.Severity.Critical),
            TestReports.Finding("accepted-trail"),
        ], new AnalysisOptions { Suppressions = [new Suppression("aws-ct-002", "accepted-trail", "accepted")] });
        var script = Script(report);
        Assert.True(script.IndexOf("===== CRITICAL", StringComparison.Ordinal) < script.IndexOf("===== LOW", StringComparison.Ordinal));
        Assert.Contains("# aws cloudtrail update-trail --region eu-west-1 --name critical-trail --enable-log-file-validation", script);
        Assert.DoesNotContain("accepted-trail", script);
    }

    [Fact]
    public void Uncommenting_a_fix_gives_back_the_rendered_command()
    {
        var report = TestReports.Of([TestReports.Finding("it's a \"trail\"\nwith a newline")]);
        var cli = report.ActiveFindings.Single().Remediation!.Cli;
        var script = Script(report);
        var commented = string.Join("\n", cli.Split('\n').Select(l => "# " + l));
        Assert.Contains(commented, script);
    }

    [Fact]
    public void Demo_and_hostile_scripts_pass_bash_n_and_sourcing_them_runs_nothing()
    {
        foreach (var report in new[] { TestReports.Demo(), Hostile.Report() })
        {
            var dir = Directory.CreateTempSubdirectory("fix-script").FullName;
            var path = Path.Combine(dir, "fixes.sh");
            File.WriteAllText(path, Script(report));
            var syntax = Bash(dir, "-n", path);
            Assert.True(syntax.Code == 0, syntax.Output);
            // Sourced with a PATH that holds only a logging `aws`: any command that ran would leave a trace.
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "aws"), "#!/bin/sh\necho ran >> \"$(dirname \"$0\")/../ran.log\"\n");
            File.SetUnixFileMode(Path.Combine(bin, "aws"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var run = Bash(dir, "-c", $"PATH='{bin}':/usr/bin:/bin; source ./fixes.sh; echo sourced-ok");
            Assert.True(run.Code == 0, run.Output);
            Assert.Equal("sourced-ok\n", run.Output);
            Assert.False(File.Exists(Path.Combine(dir, "ran.log")));
            Assert.Equal([Path.Combine(dir, "bin"), path], Directory.GetFileSystemEntries(dir).Order());
            Assert.False(File.Exists("/tmp/" + Hostile.Marker));
        }
    }

    [Fact]
    public void Comment_text_stays_on_one_line()
    {
        foreach (var value in Hostile.Values)
        {
            var comment = FixScriptWriter.Comment(value);
            Assert.StartsWith("# ", comment);
            Assert.DoesNotContain(comment, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085');
        }
    }
}
