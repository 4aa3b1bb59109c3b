using System.Collections.Concurrent;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Checks.Policies;

/// <summary>A parsed policy, or why the stored document could not be parsed.</summary>
public sealed record ParsedPolicy(PolicyDocument? Document, string? Error)
{
    public bool TryGet(out PolicyDocument document)
    {
        document = Document!;
        return Document is not null;
    }
}

/// <summary>
/// Parses each stored policy document once per account, however many checks read it: IAM policies feed three
/// checks, bucket policies two. Shared through <see cref="CheckContext.Shared{T}"/>; safe for parallel checks.
/// </summary>
public sealed class PolicyCache
{
    private readonly ConcurrentDictionary<(PolicyKind Kind, string Name, string Text), ParsedPolicy> _parsed = new();

    public static PolicyCache Of(CheckContext context) => context.Shared(_ => new PolicyCache());

    /// <summary>The parsed document; <paramref name="name"/> is how findings and evaluation traces name it (an ARN).</summary>
    public ParsedPolicy Get(string text, PolicyKind kind, string name) =>
        _parsed.GetOrAdd((kind, name, text), key =>
        {
            try
            {
                return new ParsedPolicy(PolicyDocument.Parse(key.Text, key.Kind, key.Name), null);
            }
            catch (PolicyParseException e)
            {
                return new ParsedPolicy(null, e.Message);
            }
        });

    /// <summary>The gap that stands for a document the engine cannot read: its resource is not assessed.</summary>
    public static DataGap Unreadable(string region, string service, string operation, string name, string error) =>
        DataGap.OutOfReach(region, service, operation, $"policy {name} could not be parsed: {error}", name);
}
