using CloudAudit.Policy.Conditions;

namespace CloudAudit.Policy.Evaluation;

/// <summary>Condition keys of a request and their values. Key names compare case-insensitively, as in IAM.</summary>
public sealed class RequestContext : IContextValues
{
    readonly Dictionary<string, string[]> values = new(StringComparer.OrdinalIgnoreCase);

    readonly bool frozen;

    /// <summary>A shared empty context that refuses changes.</summary>
    internal static readonly RequestContext Empty = new(frozen: true);

    public RequestContext() { }
    RequestContext(bool frozen) => this.frozen = frozen;

    /// <summary>Sets a key; several values make it a multivalued key; no values make it an empty set.</summary>
    public RequestContext Set(string key, params string[] keyValues)
    {
        if (frozen) throw new InvalidOperationException("the shared empty context cannot be changed; create a RequestContext");
        values[key] = keyValues;
        return this;
    }

    public RequestContext Without(string key)
    {
        var copy = Copy();
        copy.values.Remove(key);
        return copy;
    }

    public RequestContext Copy()
    {
        var copy = new RequestContext();
        foreach (var (k, v) in values) copy.values[k] = v;
        return copy;
    }

    public bool Contains(string key) => values.ContainsKey(key);

    public IReadOnlyList<string>? Get(string key) => values.TryGetValue(key, out var v) ? v : null;

    public IEnumerable<KeyValuePair<string, string[]>> Entries => values;
}
