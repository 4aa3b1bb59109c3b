using System.Runtime.CompilerServices;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// Scans record themselves in the history by default: in this test run they go to a temporary file, never to
/// the user's ~/.cloud-audit/history.db. Tests that look at the history name their own with --history.
/// </summary>
public static class TestHistory
{
    public static readonly string Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-cli-tests-").FullName, "history.db");

    [ModuleInitializer]
    public static void UseTemporaryHistory() => Environment.SetEnvironmentVariable("CLOUD_AUDIT_HISTORY", Path);
}
