namespace CloudAudit.Policy.Matching;

/// <summary>An ARN split into its six parts; the resource part keeps any further colons.</summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static bool TryParse(string text, out Arn arn)
    {
        arn = default;
        var parts = text.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn") return false;
        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public static string? AccountOf(string text) =>
        TryParse(text, out var arn) && arn.Account.Length > 0 ? arn.Account : null;

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}

/// <summary>
/// ARN matching as IAM does it for the Resource element and the Arn* condition operators: each of the
/// first five colon-separated parts is matched on its own, case-sensitively, and the resource part as
/// a whole. A pattern that is not ARN-shaped is matched against the whole text.
/// </summary>
public sealed class ArnPattern
{
    readonly Glob whole;
    readonly Glob[]? parts;

    public string Pattern => whole.Pattern;
    public bool MatchesEverything { get; }

    ArnPattern(Glob whole, Glob[]? parts)
    {
        this.whole = whole;
        this.parts = parts;
        MatchesEverything = whole.Pattern == "*";
    }

    public static ArnPattern Compile(string pattern) => FromGlobText(pattern, literal: false);

    /// <summary>Compiles a pattern whose parts were produced by policy-variable substitution.</summary>
    internal static ArnPattern FromParts(IReadOnlyList<(string Text, bool Literal)> parts)
    {
        var whole = Glob.FromParts(parts, ignoreCase: false);
        // Split on colons that came from the pattern text itself, not from substituted values.
        var sections = new List<List<(string, bool)>> { new() };
        foreach (var (text, literal) in parts)
        {
            if (literal) { sections[^1].Add((text, true)); continue; }
            var pieces = text.Split(':');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    if (sections.Count < 6) sections.Add([]);
                    else { sections[^1].Add((":", true)); }
                }
                sections[^1].Add((pieces[i], false));
            }
        }
        return new ArnPattern(whole, IsArnShaped(sections) ? [.. sections.Select(s => Glob.FromParts(s, false))] : null);
    }

    static ArnPattern FromGlobText(string pattern, bool literal) =>
        FromParts([(pattern, literal)]);

    static bool IsArnShaped(List<List<(string Text, bool Literal)>> sections) =>
        sections.Count == 6 && sections[0].Count == 1 && sections[0][0].Text == "arn";

    public bool IsMatch(string text)
    {
        if (MatchesEverything) return true;
        if (parts is null) return whole.IsMatch(text);
        var span = text.AsSpan();
        for (var i = 0; i < 5; i++)
        {
            var colon = span.IndexOf(':');
            if (colon < 0) return false;
            if (!parts[i].IsMatch(span[..colon])) return false;
            span = span[(colon + 1)..];
        }
        return parts[5].IsMatch(span);
    }

    public override string ToString() => Pattern;
}
