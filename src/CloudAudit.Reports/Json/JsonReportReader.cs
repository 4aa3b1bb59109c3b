using System.Text.Json;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Json;

/// <summary>Whose JSON report a file is.</summary>
public enum ReportOrigin
{
    /// <summary>cloud-audit's own report (<c>schema_version</c> 1.x).</summary>
    CloudAudit,
    /// <summary>The reference Python tool's report (v2.x <c>ScanReport</c>), mapped onto ours.</summary>
    ReferenceTool,
}

/// <summary>A saved JSON report, read back and validated: what <c>diff</c>, <c>--baseline</c> and the offline commands load.</summary>
public sealed record SavedReport(string Path, ReportOrigin Origin, JsonReport Report);

/// <summary>A file that is not a report this version can read; the message is one line naming the file and why.</summary>
public sealed class ReportReadException(string message) : Exception(message);

/// <summary>
/// Reads a JSON report written by cloud-audit (any 1.x schema) or by the reference tool. Anything else (another
/// tool's output, a newer schema, our inventory or SARIF, malformed JSON, a finding without a valid
/// fingerprint) is refused with a <see cref="ReportReadException"/> that says which file and why.
/// </summary>
public static class JsonReportReader
{
    public const int SupportedMajorVersion = 1;

    private static readonly JsonReportContext Strict = new(new JsonSerializerOptions(JsonReportContext.Default.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });

    public static SavedReport Read(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ReportReadException($"{path}: cannot read the report: {e.Message}");
        }
        using (stream)
            return Read(stream, path);
    }

    public static SavedReport Read(Stream stream, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ReportReadException($"{name}: not valid JSON ({FirstLine(e.Message)})");
        }
        catch (IOException e)
        {
            throw new ReportReadException($"{name}: cannot read the report: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema_version", out _))
                return new SavedReport(name, ReportOrigin.CloudAudit, ReadOwn(root, name));
            if (ReferenceReportMapper.LooksLikeReference(root))
                return new SavedReport(name, ReportOrigin.ReferenceTool, ReferenceReportMapper.Map(root, name));
            throw new ReportReadException($"{name}: {Describe(root)}");
        }
    }

    private static JsonReport ReadOwn(JsonElement root, string name)
    {
        var version = root.GetProperty("schema_version");
        var text = version.ValueKind == JsonValueKind.String ? version.GetString()! : version.ToString();
        if (!int.TryParse(text.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major))
            throw new ReportReadException($"{name}: unknown report schema_version '{text}'");
        if (root.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.Object
            && tool.TryGetProperty("name", out var toolName) && toolName.ValueKind == JsonValueKind.String
            && toolName.GetString() != "cloud-audit")
            throw new ReportReadException($"{name}: a report of {toolName.GetString()}, not of cloud-audit");
        if (major > SupportedMajorVersion)
            throw new ReportReadException($"{name}: report schema {text} is newer than this cloud-audit reads ({SupportedMajorVersion}.x); upgrade cloud-audit");
        if (major < SupportedMajorVersion)
            throw new ReportReadException($"{name}: report schema {text} is older than any cloud-audit wrote");
        JsonReport report;
        try
        {
            report = root.Deserialize(Strict.JsonReport) ?? throw new JsonException("the report is null");
        }
        catch (JsonException e)
        {
            throw new ReportReadException($"{name}: not a valid cloud-audit report ({FirstLine(e.Message)})");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in report.Results)
            foreach (var finding in result.Findings.Concat(result.SuppressedFindings.Select(s => s.Finding)))
            {
                if (!Analysis.Fingerprints.FindingFingerprint.IsWellFormed(finding.Fingerprint))
                    throw new ReportReadException($"{name}: finding {finding.CheckId} {finding.ResourceId} has no valid fingerprint ('{finding.Fingerprint}')");
                if (!seen.Add(finding.Fingerprint))
                    throw new ReportReadException($"{name}: fingerprint {finding.Fingerprint} appears twice (the report was edited?)");
            }
        return report;
    }

    /// <summary>Says what the file is instead, when it is something we know.</summary>
    private static string Describe(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "cloud-audit-inventory")
                return "an inventory, not a report (scan it with `cloud-audit scan --snapshot FILE`)";
            if (root.TryGetProperty("runs", out _) && root.TryGetProperty("version", out _))
                return "a SARIF log, not a JSON report (write one with `--format json`)";
            if (root.TryGetProperty("class_uid", out _))
                return "an OCSF finding, not a JSON report (write one with `--format json`)";
        }
        if (root.ValueKind == JsonValueKind.Array)
            return root.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("class_uid", out _)
                ? "OCSF findings, not a JSON report (write one with `--format json`)"
                : "a JSON array, not a cloud-audit report (another tool's output?)";
        return "not a cloud-audit JSON report, nor the reference tool's (no schema_version; no provider, account_id and results)";
    }

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
