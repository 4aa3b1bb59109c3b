namespace CloudAudit.Policy.Conditions;

/// <summary>Looks up request-context values for policy variables and conditions.</summary>
public interface IContextValues
{
    /// <summary>The values of a key (key names compare case-insensitively); null when absent.</summary>
    IReadOnlyList<string>? Get(string key);
}

/// <summary>
/// A policy string that may contain policy variables: <c>${aws:username}</c>, <c>${aws:PrincipalTag/team, 'x'}</c>
/// (with a default), and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>, which stand for the literal character.
/// Variables are only recognised in policies of Version 2012-10-17.
/// </summary>
public sealed class PolicyTemplate
{
    abstract record Part;
    sealed record Text(string Value) : Part;
    sealed record LiteralChar(string Value) : Part;
    sealed record Variable(string Key, string? Default) : Part;

    readonly Part[] parts;

    public string Source { get; }
    public bool HasVariables { get; }

    PolicyTemplate(string source, Part[] parts)
    {
        Source = source;
        this.parts = parts;
        HasVariables = parts.Any(p => p is not Text);
    }

    public static PolicyTemplate Parse(string source, bool variablesEnabled)
    {
        if (!variablesEnabled || !source.Contains("${", StringComparison.Ordinal))
            return new PolicyTemplate(source, [new Text(source)]);
        var parts = new List<Part>();
        var pos = 0;
        while (pos < source.Length)
        {
            var start = source.IndexOf("${", pos, StringComparison.Ordinal);
            var end = start < 0 ? -1 : source.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                parts.Add(new Text(source[pos..]));
                break;
            }
            if (start > pos) parts.Add(new Text(source[pos..start]));
            parts.Add(ParseVariable(source[(start + 2)..end]));
            pos = end + 1;
        }
        return new PolicyTemplate(source, [.. parts]);
    }

    static Part ParseVariable(string body)
    {
        if (body is "*" or "?" or "$") return new LiteralChar(body);
        var comma = body.IndexOf(',');
        if (comma < 0) return new Variable(body.Trim(), null);
        var fallback = body[(comma + 1)..].Trim();
        if (fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'') fallback = fallback[1..^1];
        return new Variable(body[..comma].Trim(), fallback);
    }

    /// <summary>
    /// The text with variables replaced, as parts marked literal (substituted values and escapes never act
    /// as wildcards) or pattern text. Null when a variable has no single value and no default.
    /// </summary>
    public IReadOnlyList<(string Text, bool Literal)>? Resolve(IContextValues context)
    {
        var resolved = new (string, bool)[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            switch (parts[i])
            {
                case Text t: resolved[i] = (t.Value, false); break;
                case LiteralChar c: resolved[i] = (c.Value, true); break;
                case Variable v:
                    var values = context.Get(v.Key);
                    // Multivalued keys cannot be used as variables.
                    var value = values is { Count: 1 } ? values[0] : v.Default;
                    if (value is null) return null;
                    resolved[i] = (value, true);
                    break;
            }
        }
        return resolved;
    }

    /// <summary>The resolved text as a plain string (for Equals comparisons).</summary>
    public string? ResolveText(IContextValues context)
    {
        if (!HasVariables) return Source;
        var parts = Resolve(context);
        return parts is null ? null : string.Concat(parts.Select(p => p.Text));
    }

    public override string ToString() => Source;
}
