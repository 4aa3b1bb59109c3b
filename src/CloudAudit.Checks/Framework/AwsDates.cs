using System.Globalization;

namespace CloudAudit.Checks.Framework;

/// <summary>Timestamps as stored responses carry them (ISO 8601 text), read once and shown as days in findings.</summary>
public static class AwsDates
{
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>"2026-10-12", or the text as stored when it is not a date.</summary>
    public static string Day(string? text) => Parse(text) is { } date ? Day(date) : text ?? "an unknown date";

    public static string Day(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static int DaysBetween(DateTimeOffset earlier, DateTimeOffset later) => (int)(later - earlier).TotalDays;
}
