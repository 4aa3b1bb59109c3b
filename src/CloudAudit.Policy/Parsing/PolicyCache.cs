using System.Collections.Concurrent;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Parsing;

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
/// Parses each stored policy document once, however many readers ask for it: one cache per account is shared by
/// the access model and the policy checks (IAM policies feed several, bucket policies two). Safe for parallel use.
/// </summary>
public sealed class PolicyCache
{
    private readonly ConcurrentDictionary<(PolicyKind Kind, string Name, string Text), ParsedPolicy> _parsed = new();

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
}
