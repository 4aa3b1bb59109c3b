using CloudAudit.Access.Verification;
using CloudAudit.Analysis;
using CloudAudit.History.Comparison;
using CloudAudit.History.Store;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Mcp;

/// <summary>
/// What the server needs from the program that hosts it: scans and history resolved exactly as the matching
/// commands resolve them (the config file, <c>CLOUD_AUDIT_*</c>, the credential chain, the history store). The
/// CLI implements it with its own code, so a tool behaves as <c>cloud-audit scan</c>, <c>demo</c> or <c>diff</c> does.
/// Bad input is a <see cref="ToolInputException"/> with the cause.
/// </summary>
public interface IScanHost
{
    string ToolVersion { get; }

    /// <summary>A live, read-only scan, as <c>scan --profile P --regions R --min-severity S</c> would run it, recorded in the history.</summary>
    ScanOutcome ScanAws(AwsScanArguments arguments, Action<ScanProgress> progress, CancellationToken cancel);

    /// <summary>A saved inventory evaluated as <c>scan --snapshot PATH</c> would, recorded in the history.</summary>
    ScanOutcome ScanSnapshot(string path, Action<ScanProgress> progress, CancellationToken cancel);

    /// <summary>The built-in demo organization, as <c>demo</c> runs it (not recorded, as <c>demo</c> without <c>--save</c>).</summary>
    ScanOutcome ScanDemo(Action<ScanProgress> progress, CancellationToken cancel);

    /// <summary>Two scans compared as <c>diff OLD NEW [--account A]</c> compares them.</summary>
    ScanDiff Diff(string older, string newer, string? account);

    /// <summary>The history store <c>trend</c> and <c>history</c> read; the caller disposes it.</summary>
    HistoryStore OpenHistory();
}

/// <summary>The arguments of <c>scan_aws</c>, as given: the host validates them as the CLI validates its flags.</summary>
public sealed record AwsScanArguments(string? Profile, string? Regions, string? MinSeverity);

/// <summary>A finished scan: the analysed report, the inventory it read, and what the CLI would have said on stderr.</summary>
public sealed record ScanOutcome(ScanReport Report, InventorySnapshot Inventory, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// AWS's own evaluator (<c>iam:SimulatePrincipalPolicy</c>) for the scanned account, reached as the scan reached it:
    /// a live scan only. The caller disposes what it returns when it is disposable.
    /// </summary>
    public Func<IPolicySimulator>? Simulator { get; init; }
}

/// <summary>How far a scan has come: <paramref name="Done"/> of <paramref name="Total"/> steps (API calls, then checks).</summary>
public sealed record ScanProgress(long Done, long? Total, string Message);

/// <summary>Input a user (or an assistant) can correct: unknown IDs, malformed values, no credentials. Reported as a tool error.</summary>
public sealed class ToolInputException(string message) : ModelContextProtocol.McpException(message);
