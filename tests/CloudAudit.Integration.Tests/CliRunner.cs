using System.Text.Json;
using CloudAudit.Cli;
using CloudAudit.Cli.Commands;

namespace CloudAudit.Integration.Tests;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The JSON report on stdout.</summary>
    public JsonElement Report => JsonDocument.Parse(Stdout).RootElement;

    public JsonElement Result(string checkId) =>
        Report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("check_id").GetString() == checkId);

    public string Status(string checkId) => Result(checkId).GetProperty("status").GetString()!;

    /// <summary>check id → status, for every result.</summary>
    public IReadOnlyDictionary<string, string> Statuses => Report.GetProperty("results").EnumerateArray()
        .ToDictionary(r => r.GetProperty("check_id").GetString()!, r => r.GetProperty("status").GetString()!);

    public IEnumerable<string> FindingDescriptions(string checkId) =>
        Result(checkId).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("description").GetString()!);
}

/// <summary>Runs the real command line in-process, as a user would, with retries made quick.</summary>
public static class CliRunner
{
    // Event-history pages are paced at LookupEvents' real rate (2 a second per region) unless told otherwise: moto has
    // no such limit, and every live scan reads the threat detectors' history, so the tests page it quickly.
    private static readonly AwsAccess QuickRetries = new()
    {
        Configure = o => o with { RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
        ConfigureCollector = o => o with { EventPagesPerSecond = 100 },
    };

    public static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLineApp.Run(CommandLineApp.BuildRoot(QuickRetries), args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
