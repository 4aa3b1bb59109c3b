using System.Text.Json.Serialization;

namespace CloudAudit.Checks.Framework;

/// <summary>One control of one compliance framework version that a check (partly) evaluates.</summary>
public sealed record ComplianceRef(
    [property: JsonPropertyName("framework")] string Framework,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("control")] string Control)
{
    public const string CisAws = "CIS AWS Foundations Benchmark";

    /// <summary>The short form used in reports: "CIS 5.0 4.4".</summary>
    public override string ToString() => Framework == CisAws ? $"CIS {Version} {Control}" : $"{Framework} {Version} {Control}";
}

/// <summary>
/// Builds CIS AWS Foundations references. Section numbers shifted by one from v5.0 to v6.0 (IAM 1→2,
/// Storage 2→3, Logging 3→4, Monitoring 4→5, Networking 5→6); v7.0 keeps v6's numbers outside IAM,
/// where it inserted an Organizations subsection, so IAM controls give their v7 number explicitly.
/// </summary>
public static class Cis
{
    public static IReadOnlyList<ComplianceRef> Refs(string? v3 = null, string? v5 = null, string? v7Iam = null, string? v14 = null)
    {
        var refs = new List<ComplianceRef>();
        if (v14 is not null) refs.Add(new(ComplianceRef.CisAws, "1.4", v14));
        if (v3 is not null) refs.Add(new(ComplianceRef.CisAws, "3.0", v3));
        if (v5 is not null)
        {
            refs.Add(new(ComplianceRef.CisAws, "5.0", v5));
            var v6 = ShiftSection(v5);
            refs.Add(new(ComplianceRef.CisAws, "6.0", v6));
            if (v5.StartsWith("1.", StringComparison.Ordinal))
            {
                if (v7Iam is not null) refs.Add(new(ComplianceRef.CisAws, "7.0", v7Iam));
            }
            else
            {
                refs.Add(new(ComplianceRef.CisAws, "7.0", v6));
            }
        }
        return refs;
    }

    public static string ShiftSection(string control)
    {
        var dot = control.IndexOf('.', StringComparison.Ordinal);
        var section = int.Parse(dot < 0 ? control : control[..dot], System.Globalization.CultureInfo.InvariantCulture);
        return dot < 0 ? $"{section + 1}" : $"{section + 1}{control[dot..]}";
    }

    /// <summary>The reference tool's short form ("CIS 4.4", v3.0 numbering) that existing consumers match on.</summary>
    public static IEnumerable<string> LegacyRefs(IEnumerable<ComplianceRef> refs) =>
        refs.Where(r => r.Framework == ComplianceRef.CisAws && r.Version == "3.0").Select(r => $"CIS {r.Control}");
}
