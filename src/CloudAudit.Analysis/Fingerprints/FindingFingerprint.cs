using System.Security.Cryptography;
using System.Text;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Fingerprints;

/// <summary>
/// A finding's stable identity across scans and versions: SHA-256 over the fingerprint version, the check
/// ID, the account, the region and the resource's normalized key (<see cref="ResourceKey"/>), the first 16
/// bytes in lower-case hex. Nothing that describes the finding (title, severity, description, fix) takes
/// part, so a finding whose severity or wording changes keeps its fingerprint. Decided here, in analysis,
/// so every consumer (reports, history, diff, baselines, MCP) compares the same value.
/// </summary>
public static class FindingFingerprint
{
    public const string Version = "v1";

    public static string Of(Finding finding) =>
        Of(finding.CheckId, finding.AccountId, finding.Region, finding.ResourceType, finding.ResourceId, finding.Discriminator);

    public static string Of(string checkId, string accountId, string region, string resourceType, string resourceId, string? discriminator = null)
    {
        var key = ResourceKey.Normalize(resourceType, resourceId, accountId, region);
        var text = new StringBuilder("cloud-audit-finding/").Append(Version)
            .Append('\n').Append(checkId.Trim().ToLowerInvariant())
            .Append('\n').Append(accountId.Trim())
            .Append('\n').Append(region.Trim().ToLowerInvariant())
            .Append('\n').Append(key);
        if (discriminator is not null)
            text.Append('\n').Append(discriminator);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    public static bool IsWellFormed(string? fingerprint) =>
        fingerprint is { Length: 32 } && fingerprint.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>
    /// Fingerprints for one scan's findings, unique within it: a finding whose identity repeats an earlier
    /// one's (a report of another tool that names one resource twice in a check) is told apart by its
    /// description, which names the rule or the gap.
    /// </summary>
    public static IReadOnlyList<string> Assign<T>(IReadOnlyList<T> findings, Func<T, string> fingerprint, Func<T, string> description)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var assigned = new string[findings.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            var value = fingerprint(findings[i]);
            if (!seen.Add(value))
            {
                value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{value}\n{description(findings[i])}")).AsSpan(0, 16));
                for (var n = 2; !seen.Add(value); n++)
                    value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{value}\n{n}")).AsSpan(0, 16));
            }
            assigned[i] = value;
        }
        return assigned;
    }
}
