using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Commands;
using CloudAudit.Reports.Console;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Output;

/// <summary>Writes a finished report where the request asked, and decides the exit code.</summary>
public static class ReportOutput
{
    public static int Emit(ScanReport report, ScanRequest request, TextWriter stdout)
    {
        if (request.OutputPath is { } path)
            SafeFile.WriteAtomic(path, stream => Write(report, request, stream, interactive: false));
        else if (!request.Quiet || request.Format != ReportFormat.Console)
            WriteTo(report, request, stdout, interactive: Terminal.StdoutIsTerminal && ReferenceEquals(stdout, Console.Out));
        return ExitCode(report);
    }

    /// <summary>0 no active findings, 1 findings, 2 when every check errored (nothing was really evaluated).</summary>
    public static int ExitCode(ScanReport report)
    {
        if (report.Results.Count > 0 && report.Results.All(r => r.Result.Status == CheckStatus.Error))
            return ExitCodes.Error;
        return report.Summary.TotalFindings > 0 ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static void Write(ScanReport report, ScanRequest request, Stream stream, bool interactive)
    {
        if (request.Format == ReportFormat.Json)
        {
            JsonReportWriter.Write(report, stream);
            return;
        }
        using var writer = new StreamWriter(stream, leaveOpen: true);
        WriteTo(report, request, writer, interactive);
    }

    private static void WriteTo(ScanReport report, ScanRequest request, TextWriter writer, bool interactive)
    {
        if (request.Format == ReportFormat.Json)
        {
            using var buffer = new MemoryStream();
            JsonReportWriter.Write(report, buffer);
            writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        else
        {
            new ConsoleReportWriter(Terminal.For(writer, interactive), request.Remediation).Write(report);
        }
        writer.Flush();
    }
}
