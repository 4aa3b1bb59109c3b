using System.Reflection;
using CloudAudit.Checks;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection.Tests;

/// <summary>
/// Proof that a scan only reads: every call the catalog or a check declares, and every call the collector makes
/// on its own, is embedded in the transport's models and let through by its read-only guard.
/// </summary>
public class ReadOnlyCatalogTests
{
    /// <summary>Calls the collector makes itself, outside the catalog.</summary>
    private static readonly (string Service, string Operation)[] CollectorOwnCalls =
    [
        ("sts", "GetCallerIdentity"), ("ec2", "DescribeRegions"), ("iam", "GenerateCredentialReport"),
        ("s3", "GetBucketLocation"), // the transport's lookup of a bucket's region
    ];

    /// <summary>Public static ApiCall fields of every catalog class, and what every shipped check reads (with ancestors).</summary>
    public static IReadOnlyList<ApiCall> DeclaredCalls()
    {
        var catalog = typeof(ApiCall).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(ApiCall))
            .Select(f => (ApiCall)f.GetValue(null)!);
        return catalog.Concat(CheckRunner.RequiredCalls(CheckRegistry.All))
            .SelectMany(c => c.WithAncestors()).Distinct().ToList();
    }

    [Fact]
    public void Every_declared_call_is_embedded_and_allowed_by_the_read_only_guard()
    {
        var operations = DeclaredCalls().Select(c => (c.Service, c.Operation)).Concat(CollectorOwnCalls).Distinct().ToList();
        Assert.Contains(("cloudtrail", "DescribeTrails"), operations);

        var missing = operations.Where(o => !AwsClient.CanRead(o.Service, o.Operation)).ToList();

        Assert.True(missing.Count == 0, MissingMessage(missing));
    }

    [Fact]
    public void The_failure_message_names_the_operations_to_add_as_json()
    {
        var message = MissingMessage([("guardduty", "GetMasterAccount"), ("guardduty", "DescribePublishingDestination"), ("ce", "GetCostAndUsage")]);

        Assert.Contains("  \"ce\": [\"GetCostAndUsage\"],\n  \"guardduty\": [\"DescribePublishingDestination\", \"GetMasterAccount\"]", message);
    }

    /// <summary>Exactly what to add to the model list, as JSON members to merge into operations.json.</summary>
    internal static string MissingMessage(IReadOnlyList<(string Service, string Operation)> missing)
    {
        var lines = missing.GroupBy(m => m.Service).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  \"{g.Key}\": [{string.Join(", ", g.Select(m => $"\"{m.Operation}\"").Order(StringComparer.Ordinal))}]");
        return "these declared operations cannot be read: add them to tools/ModelTrimmer/operations.json\n"
            + string.Join(",\n", lines)
            + "\nthen run `dotnet run --project tools/ModelTrimmer -- <path to shared/aws-models>` and commit Models/Data. "
            + "An operation that is embedded but still listed is refused by the read-only guard (src/CloudAudit.Transport/ReadOnlyGuard.cs): "
            + "a check must not declare it.";
    }
}
