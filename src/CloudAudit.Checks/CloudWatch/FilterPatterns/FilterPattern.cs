using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>The three CloudWatch Logs pattern kinds, plus the empty pattern.</summary>
public enum FilterPatternKind
{
    /// <summary>Empty or whitespace only: matches every event.</summary>
    MatchAll,
    /// <summary>Terms matched in the raw text: <c>ERROR</c>, <c>"exact phrase"</c>, <c>?A ?B</c>, <c>-term</c>, <c>%regex%</c>.</summary>
    Terms,
    /// <summary><c>{ $.selector = value &amp;&amp; … }</c>, evaluated on JSON events.</summary>
    Json,
    /// <summary><c>[field, field = value, ...]</c>, evaluated on the text split at spaces.</summary>
    SpaceDelimited,
}

/// <summary>
/// A parsed CloudWatch Logs filter pattern (the grammar of metric filters, subscription filters and
/// FilterLogEvents), and its evaluation against log events with CloudWatch's semantics. Matching is
/// case-sensitive throughout, as CloudWatch's is.
/// </summary>
/// <example>
/// <code>
/// var parsed = FilterPattern.Parse("{ ($.eventName = DeleteTrail) || ($.eventName = StopLogging) }");
/// if (parsed.Pattern is { } pattern &amp;&amp; pattern.Matches(cloudTrailRecord)) …
/// </code>
/// </example>
public sealed class FilterPattern
{
    // CloudTrail delivers each record to CloudWatch Logs as one line of compact JSON; term and
    // space-delimited patterns see that text, with characters such as '+' and non-ASCII left as they are.
    internal static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Condition<JsonNode?>? _json;
    private readonly TermPattern? _terms;
    private readonly SpaceDelimitedPattern? _spaceDelimited;

    private FilterPattern(string text, FilterPatternKind kind, Condition<JsonNode?>? json = null, TermPattern? terms = null, SpaceDelimitedPattern? spaceDelimited = null)
    {
        Text = text;
        Kind = kind;
        _json = json;
        _terms = terms;
        _spaceDelimited = spaceDelimited;
    }

    /// <summary>The pattern text as given.</summary>
    public string Text { get; }

    public FilterPatternKind Kind { get; }

    /// <summary>
    /// Parses a filter pattern. The kind follows from the first non-blank character: <c>{</c> is JSON,
    /// <c>[</c> is space-delimited, anything else is terms; null, empty or blank text matches everything.
    /// Never throws: a malformed pattern gives a <see cref="FilterPatternError"/> with its position.
    /// </summary>
    public static ParseResult Parse(string? text)
    {
        text ??= "";
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult.Parsed(new FilterPattern(text, FilterPatternKind.MatchAll));
        var reader = new PatternReader(text);
        try
        {
            reader.SkipWhitespace();
            var pattern = reader.Current switch
            {
                '{' => new FilterPattern(text, FilterPatternKind.Json, json: JsonPattern.Parse(reader)),
                '[' => new FilterPattern(text, FilterPatternKind.SpaceDelimited, spaceDelimited: SpaceDelimitedPattern.Parse(reader)),
                _ => new FilterPattern(text, FilterPatternKind.Terms, terms: TermPattern.Parse(reader)),
            };
            return ParseResult.Parsed(pattern);
        }
        catch (PatternSyntaxException e)
        {
            return ParseResult.Failed(e.Error);
        }
    }

    /// <summary>Whether the pattern matches a JSON log event, such as one CloudTrail record.</summary>
    public bool Matches(JsonNode logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return Kind switch
        {
            FilterPatternKind.MatchAll => true,
            FilterPatternKind.Json => _json!.Matches(logEvent),
            _ => MatchesText(logEvent.ToJsonString(CompactJson)),
        };
    }

    /// <summary>
    /// Whether the pattern matches a log event's raw message. A JSON pattern parses the message first
    /// and never matches a message that is not JSON.
    /// </summary>
    public bool Matches(string logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (Kind != FilterPatternKind.Json) return Kind == FilterPatternKind.MatchAll || MatchesText(logEvent);
        try
        {
            return _json!.Matches(JsonNode.Parse(logEvent));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private bool MatchesText(string text) =>
        Kind == FilterPatternKind.Terms ? _terms!.Matches(text) : _spaceDelimited!.Matches(text);

    public override string ToString() => Text;
}
