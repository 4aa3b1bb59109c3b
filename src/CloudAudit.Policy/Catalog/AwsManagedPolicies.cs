using System.Collections.Concurrent;
using System.Text.Json;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Catalog;

/// <summary>
/// The default version of every AWS managed policy, embedded (see Data/LICENSES.md), so roles that use
/// them can be evaluated without fetching the documents.
/// </summary>
public sealed class AwsManagedPolicies
{
    static readonly Lazy<AwsManagedPolicies> instance = new(Load);
    public static AwsManagedPolicies Default => instance.Value;

    public sealed record Entry(string Name, string Arn, string VersionId, string Document);

    readonly Dictionary<string, Entry> byArn = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, PolicyDocument> parsed = new(StringComparer.Ordinal);

    public string DataVersion { get; private set; } = "";
    public int Count => byArn.Count;
    public IEnumerable<Entry> Entries => byArn.Values;

    static AwsManagedPolicies Load()
    {
        using var json = EmbeddedData.Open("aws-managed-policies.json.gz");
        var root = json.RootElement;
        var result = new AwsManagedPolicies { DataVersion = EmbeddedData.VersionOf(root) };
        foreach (var p in root.GetProperty("policies").EnumerateArray())
        {
            var entry = new Entry(p.GetProperty("name").GetString()!, p.GetProperty("arn").GetString()!,
                p.GetProperty("versionId").GetString()!, p.GetProperty("document").GetString()!);
            result.byArn[entry.Arn] = entry;
        }
        return result;
    }

    /// <summary>Looks a policy up by ARN in any partition (arn:aws-cn:iam::aws:policy/… maps to the same document).</summary>
    public Entry? Find(string policyArn) => byArn.GetValueOrDefault(NormalizePartition(policyArn));

    /// <summary>The parsed document (parsed once, then shared), or null when the ARN is not an AWS managed policy.</summary>
    public PolicyDocument? Get(string policyArn, PolicyKind kind = PolicyKind.Identity)
    {
        var entry = Find(policyArn);
        if (entry is null) return null;
        return parsed.GetOrAdd($"{kind}|{entry.Arn}", _ => PolicyDocument.Parse(entry.Document, kind, entry.Arn));
    }

    static string NormalizePartition(string arn)
    {
        var parts = arn.Split(':', 3);
        return parts.Length == 3 && parts[0] == "arn" && parts[1] != "aws" ? $"arn:aws:{parts[2]}" : arn;
    }
}
