using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;
using CsvHelper;

namespace CloudAudit.Reports.Csv;

/// <summary>
/// One row per active or suppressed finding, RFC 4180 (comma, double quotes, CRLF), UTF-8 without a
/// byte-order mark. Any field that a spreadsheet would read as a formula (it starts with = + - @, a tab
/// or a carriage return) is prefixed with a single quote, as OWASP advises for CSV injection.
/// </summary>
public static class CsvReportWriter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "account", "region", "check_id", "severity", "title", "resource_type", "resource_id", "description",
        "recommendation", "cli", "terraform", "compliance", "fingerprint", "status", "suppression_reason",
        "suppression_accepted_by", "suppression_expires",
    ];

    // CsvHelper's defaults are RFC 4180; its injection characters and escape are OWASP's (= + - @ tab CR, ').
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static void Write(ScanReport report, Stream output)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var column in Columns)
            csv.WriteField(column);
        csv.EndRecord();
        foreach (var row in ReportedFinding.From(report))
        {
            foreach (var field in Fields(row, report.Organization))
                csv.WriteField(field);
            csv.EndRecord();
        }
    }

    /// <summary>One row; the account column names the organization for what was evaluated once for it.</summary>
    private static IEnumerable<string> Fields(ReportedFinding row, ScanOrganization? organization)
    {
        var f = row.Finding;
        yield return Owner.Of(f, organization);
        yield return f.Region;
        yield return f.CheckId;
        yield return f.Severity.Lower();
        yield return f.Title;
        yield return f.ResourceType;
        yield return f.ResourceId;
        yield return f.Description;
        yield return f.Recommendation;
        yield return f.Remediation?.Cli ?? "";
        yield return f.Remediation?.Terraform ?? "";
        yield return string.Join("; ", ComplianceRefs.For(row.Check));
        yield return row.Fingerprint;
        yield return row.Status;
        yield return row.Suppression?.Reason ?? "";
        yield return row.Suppression?.AcceptedBy ?? "";
        yield return ReportText.Date(row.Suppression?.Expires);
    }
}
