using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>A kind of storage a bucket's lifecycle rules leave to grow.</summary>
public enum LifecycleGap
{
    /// <summary>Versioned (or suspended) and nothing expires noncurrent versions.</summary>
    NoncurrentVersions,
    /// <summary>Unversioned and no enabled rule at all; includes the incomplete-upload gap.</summary>
    NoLifecycle,
    /// <summary>Nothing aborts incomplete multipart uploads.</summary>
    IncompleteUploads,
}

/// <summary>The lifecycle configuration that closes a bucket's gaps: its current rules plus one housekeeping rule.</summary>
public sealed record HousekeepingFix(string RuleId, string Configuration);

/// <summary>Finds a bucket's lifecycle gaps and writes the configuration that closes them.</summary>
public static class LifecycleHousekeeping
{
    public const int NoncurrentDays = 90;
    public const int AbortAfterDays = 7;
    public const int TierAfterDays = 30;
    private const string RuleId = "cloud-audit-housekeeping";

    public static IReadOnlyList<LifecycleGap> GapsOf(BucketVersioning versioning, BucketLifecycle lifecycle)
    {
        var enabled = lifecycle.EnabledRules.ToList();
        var gaps = new List<LifecycleGap>();
        if (versioning.HoldsVersions && !enabled.Any(r => r.NoncurrentVersionExpiration is not null))
            gaps.Add(LifecycleGap.NoncurrentVersions);
        if (!versioning.HoldsVersions && enabled.Count == 0)
            gaps.Add(LifecycleGap.NoLifecycle);
        else if (!enabled.Any(r => r.AbortIncompleteMultipartUpload is not null))
            gaps.Add(LifecycleGap.IncompleteUploads);
        return gaps;
    }

    /// <summary>
    /// The bucket's stored rules, unchanged, plus one rule covering every gap. One configuration for
    /// all of a bucket's findings: applying it twice, or once per finding, gives the same result.
    /// </summary>
    public static HousekeepingFix Merge(BucketLifecycle lifecycle, IReadOnlyList<LifecycleGap> gaps)
    {
        var taken = lifecycle.Rules.Select(r => r.ID).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var id = RuleId;
        for (var n = 2; taken.Contains(id); n++)
            id = $"{RuleId}-{n}";

        var rule = new JsonObject { ["ID"] = id, ["Status"] = "Enabled" };
        // Match the style of existing rules: rules written with the legacy top-level Prefix do not mix with Filter rules.
        var legacyStyle = lifecycle.StoredRules.OfType<JsonObject>().Any(r => r.ContainsKey("Prefix") && !r.ContainsKey("Filter"));
        if (legacyStyle)
            rule["Prefix"] = "";
        else
            rule["Filter"] = new JsonObject();
        if (gaps.Contains(LifecycleGap.NoLifecycle))
            rule["Transitions"] = new JsonArray(new JsonObject { ["Days"] = TierAfterDays, ["StorageClass"] = "INTELLIGENT_TIERING" });
        if (gaps.Contains(LifecycleGap.NoncurrentVersions))
            rule["NoncurrentVersionExpiration"] = new JsonObject { ["NoncurrentDays"] = NoncurrentDays };
        if (gaps.Contains(LifecycleGap.NoLifecycle) || gaps.Contains(LifecycleGap.IncompleteUploads))
            rule["AbortIncompleteMultipartUpload"] = new JsonObject { ["DaysAfterInitiation"] = AbortAfterDays };

        var rules = lifecycle.StoredRules.DeepClone().AsArray();
        rules.Add(rule);
        return new HousekeepingFix(id, CliFix.Json(new JsonObject { ["Rules"] = rules }));
    }
}
