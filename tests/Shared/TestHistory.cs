using System.Runtime.CompilerServices;

namespace CloudAudit.Testing;

/// <summary>
/// Scans record themselves in the history by default: every CLI run of a test assembly that compiles this file goes
/// to a throw-away store, from the assembly's load on (before any fixture starts), never to the user's
/// ~/.cloud-audit/history.db nor to a shared store named by CLOUD_AUDIT_STORE. Tests that look at the history name
/// their own with --history.
/// </summary>
public static class TestHistory
{
    public static readonly string Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-test-history-").FullName, "history.db");

    [ModuleInitializer]
    public static void UseTemporaryHistory()
    {
        Environment.SetEnvironmentVariable("CLOUD_AUDIT_STORE", null);
        Environment.SetEnvironmentVariable("CLOUD_AUDIT_HISTORY", Path);
    }
}
