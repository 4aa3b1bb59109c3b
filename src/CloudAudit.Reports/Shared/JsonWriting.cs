using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Shared;

/// <summary>Small pieces the streaming JSON writers (SARIF, OCSF, the HTML report's data) share.</summary>
internal static class JsonWriting
{
    public static void WriteStrings(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>Each evaluated check once, by ID, with its position for findings to point at.</summary>
    public static (IReadOnlyList<CheckInfo> Checks, IReadOnlyDictionary<string, int> Index) ChecksOf(ScanReport report)
    {
        var checks = report.Results.Select(r => r.Info).DistinctBy(i => i.Id).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        return (checks, checks.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal));
    }
}
