using System.Collections.Concurrent;

namespace CloudAudit.Policy.Matching;

/// <summary>An action of a request, parsed once: service prefix and action name, compared case-insensitively.</summary>
public sealed class ActionName
{
    public string Service { get; }
    public string Name { get; }
    public string FullName { get; }
    internal int ServiceId { get; }

    ActionName(string service, string name)
    {
        Service = service;
        Name = name;
        FullName = $"{service}:{name}";
        ServiceId = ServiceIds.Of(service);
    }

    public static bool TryParse(string text, out ActionName? action)
    {
        action = null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || text.IndexOfAny(['*', '?']) >= 0) return false;
        action = new ActionName(text[..colon].ToLowerInvariant(), text[(colon + 1)..]);
        return true;
    }

    public static ActionName Parse(string text) =>
        TryParse(text, out var action) ? action! : throw new ArgumentException($"not an action name (service:Action): '{text}'", nameof(text));

    public override string ToString() => FullName;
}

/// <summary>Interns service prefixes to small integers so matching compares ints, not strings.</summary>
static class ServiceIds
{
    static readonly ConcurrentDictionary<string, int> ids = new(StringComparer.OrdinalIgnoreCase);
    static int last;
    public static int Of(string service) => ids.GetOrAdd(service, _ => Interlocked.Increment(ref last));
}

/// <summary>One entry of an Action or NotAction element, compiled: <c>*</c>, or <c>service:pattern</c>.</summary>
public sealed class ActionPattern
{
    readonly int serviceId;          // 0 when the service part has wildcards
    readonly Glob? serviceGlob;
    readonly Glob nameGlob;

    public string Pattern { get; }
    public bool MatchesEverything { get; }

    ActionPattern(string pattern, int serviceId, Glob? serviceGlob, Glob nameGlob, bool everything)
    {
        Pattern = pattern;
        this.serviceId = serviceId;
        this.serviceGlob = serviceGlob;
        this.nameGlob = nameGlob;
        MatchesEverything = everything;
    }

    /// <summary>Null when the text is not an action pattern (IAM requires the service prefix).</summary>
    public static ActionPattern? TryCompile(string pattern)
    {
        if (pattern == "*") return new ActionPattern(pattern, 0, Glob.Compile("*", true), Glob.Compile("*", true), everything: true);
        var colon = pattern.IndexOf(':');
        if (colon <= 0 || colon == pattern.Length - 1) return null;
        var service = pattern[..colon];
        var name = Glob.Compile(pattern[(colon + 1)..], ignoreCase: true);
        var serviceGlob = Glob.Compile(service, ignoreCase: true);
        return serviceGlob.HasWildcards
            ? new ActionPattern(pattern, 0, serviceGlob, name, everything: service == "*" && name.Pattern == "*")
            : new ActionPattern(pattern, ServiceIds.Of(service), null, name, everything: false);
    }

    public bool IsMatch(ActionName action)
    {
        if (MatchesEverything) return true;
        if (serviceGlob is null ? serviceId != action.ServiceId : !serviceGlob.IsMatch(action.Service)) return false;
        return nameGlob.IsMatch(action.Name);
    }

    /// <summary>The interned service ID, or 0 when the service part has wildcards.</summary>
    internal int ServiceId => MatchesEverything ? 0 : serviceId;

    /// <summary>The service part when it is a literal prefix (used to narrow catalogue expansion).</summary>
    public string? LiteralService => serviceGlob is null ? Pattern[..Pattern.IndexOf(':')].ToLowerInvariant() : null;

    public override string ToString() => Pattern;
}
