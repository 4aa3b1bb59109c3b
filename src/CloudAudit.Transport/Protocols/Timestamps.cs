using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Transport.Protocols;

/// <summary>Timestamp formats on the wire, and the one form the engine outputs.</summary>
internal static class Timestamps
{
    public const string Iso8601 = "iso8601";
    public const string UnixTimestamp = "unixTimestamp";
    public const string Rfc822 = "rfc822";

    /// <summary>
    /// The output form: ISO 8601 in UTC with an explicit offset, fractional seconds kept (as microseconds, like
    /// the AWS CLI) only when present: "2024-05-01T12:00:00+00:00", "2024-05-01T12:00:00.250000+00:00".
    /// </summary>
    public static string ToOutput(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'+00:00'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a timestamp given as epoch seconds (number or numeric string), ISO 8601 or RFC 822 / HTTP date.</summary>
    public static DateTimeOffset Parse(JsonNode node)
    {
        var value = node.AsValue();
        if (value.GetValueKind() == JsonValueKind.Number)
            return FromEpoch(value.ToJsonString());
        return Parse(value.GetValue<string>());
    }

    /// <inheritdoc cref="Parse(JsonNode)"/>
    public static DateTimeOffset Parse(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? FromEpoch(value.GetRawText())
            : Parse(value.GetString() ?? throw new InvalidOperationException("a timestamp is null"));

    public static DateTimeOffset Parse(string text)
    {
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return FromEpoch(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return parsed;
        throw new FormatException($"not a timestamp: {text}");
    }

    public static string Format(DateTimeOffset value, string format)
    {
        var utc = value.ToUniversalTime();
        var hasFraction = utc.Ticks % TimeSpan.TicksPerSecond != 0;
        return format switch
        {
            UnixTimestamp => EpochText(utc),
            Rfc822 => utc.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
            _ => utc.ToString(hasFraction ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
    }

    public static string EpochText(DateTimeOffset value)
    {
        var seconds = (decimal)(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#######", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset FromEpoch(string text)
    {
        var seconds = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
