using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Commands;
using CloudAudit.Reports.Compliance;
using CloudAudit.Reports.Console;
using CloudAudit.Reports.Csv;
using CloudAudit.Reports.FixScript;
using CloudAudit.Reports.Html;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Markdown;
using CloudAudit.Reports.Ocsf;
using CloudAudit.Reports.Sarif;

namespace CloudAudit.Cli.Output;

/// <summary>Writes a finished report where the request asked, and decides the exit code.</summary>
public static class ReportOutput
{
    /// <summary>The fix script is a program: owner-only, executable once reviewed.</summary>
    public const UnixFileMode FixScriptMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static int Emit(ScanReport report, ScanRequest request, TextWriter stdout, Func<ScanReport, int>? exitCode = null)
    {
        if (request.OutputPath is { } path)
            SafeFile.WriteAtomic(path, stream => Write(report, request, stream));
        else if (!request.Quiet || request.Format != ReportFormat.Console)
            WriteTo(report, request, stdout);
        if (request.ExportFixesPath is { } fixes)
            SafeFile.WriteAtomic(fixes, stream => FixScriptWriter.Write(report, stream), FixScriptMode);
        return (exitCode ?? ExitCode)(report);
    }

    /// <summary>
    /// 0 no active findings, 1 findings, 2 when nothing was really evaluated: every check errored, or no account
    /// could be assessed. Accounts not assessed beside assessed ones are in the report, and do not change the code.
    /// With a baseline, only findings not in it count.
    /// </summary>
    public static int ExitCode(ScanReport report)
    {
        if (report.Results.Count > 0 && report.Results.All(r => r.Result.Status == CheckStatus.Error))
            return ExitCodes.Error;
        if (report.AccountDetails.Count > 0 && report.AccountDetails.All(a => !a.Assessed))
            return ExitCodes.Error;
        var counted = report.Baseline is null ? report.Summary.TotalFindings : report.NewActiveCount;
        return counted > 0 ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// The writer of each file format, for a scan report or (with --compliance) a compliance report; the
    /// console report is text for a terminal and has none.
    /// </summary>
    public static Action<ScanReport, Stream>? FileWriter(ReportFormat format, bool compliance = false) => compliance ? format switch
    {
        ReportFormat.Json => ComplianceJson.Write,
        ReportFormat.Html => ComplianceHtmlWriter.Write,
        ReportFormat.Markdown => ComplianceMarkdownWriter.Write,
        _ => null,
    } : format switch
    {
        ReportFormat.Json => JsonReportWriter.Write,
        ReportFormat.Html => HtmlReportWriter.Write,
        ReportFormat.Sarif => SarifReportWriter.Write,
        ReportFormat.Markdown => MarkdownReportWriter.Write,
        ReportFormat.Csv => CsvReportWriter.Write,
        ReportFormat.Ocsf => (report, stream) => OcsfReportWriter.Write(report, stream, jsonLines: false),
        ReportFormat.OcsfJsonl => (report, stream) => OcsfReportWriter.Write(report, stream, jsonLines: true),
        _ => null,
    };

    private static void Write(ScanReport report, ScanRequest request, Stream stream)
    {
        if (FileWriter(request.Format, report.Compliance is not null) is { } write)
        {
            write(report, stream);
            return;
        }
        using var writer = new StreamWriter(stream, leaveOpen: true);
        WriteConsole(report, request, writer, interactive: false);
    }

    private static void WriteTo(ScanReport report, ScanRequest request, TextWriter writer)
    {
        var isStdout = ReferenceEquals(writer, Console.Out);
        if (FileWriter(request.Format, report.Compliance is not null) is not { } write)
        {
            WriteConsole(report, request, writer, interactive: isStdout && Terminal.StdoutIsTerminal);
            return;
        }
        if (isStdout)
        {
            // Straight to the process's stdout: a 20,000-finding report is not held in memory twice.
            writer.Flush();
            using var stdout = Console.OpenStandardOutput();
            write(report, stdout);
            stdout.WriteByte((byte)'\n');
            return;
        }
        using var buffer = new MemoryStream();
        write(report, buffer);
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Flush();
    }

    private static void WriteConsole(ScanReport report, ScanRequest request, TextWriter writer, bool interactive)
    {
        if (report.Compliance is not null)
        {
            new ComplianceConsoleWriter(Terminal.For(writer, interactive, request.NoColor)).Write(report);
            writer.Flush();
            return;
        }
        new ConsoleReportWriter(Terminal.For(writer, interactive, request.NoColor), request.Remediation, request.ShowSuppressed, request.Details).Write(report);
        writer.Flush();
    }
}
