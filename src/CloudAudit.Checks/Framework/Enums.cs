using System.Text.Json.Serialization;

namespace CloudAudit.Checks.Framework;

/// <summary>Finding severity; declaration order is the sort order (most severe first).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("critical")] Critical,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("info")] Info,
}

[JsonConverter(typeof(JsonStringEnumConverter<Category>))]
public enum Category
{
    [JsonStringEnumMemberName("security")] Security,
    [JsonStringEnumMemberName("cost")] Cost,
    [JsonStringEnumMemberName("reliability")] Reliability,
    [JsonStringEnumMemberName("performance")] Performance,
    /// <summary>Signs of abuse under way (a leaked key being tried, logging stopped), not a setting to harden.</summary>
    [JsonStringEnumMemberName("threat")] Threat,
}

[JsonConverter(typeof(JsonStringEnumConverter<Effort>))]
public enum Effort
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}

/// <summary>The outcome of one check. Only PASS and FAIL are verdicts; the others say why there is none.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("PASS")] Pass,
    [JsonStringEnumMemberName("FAIL")] Fail,
    /// <summary>The check itself broke (a bug or malformed data).</summary>
    [JsonStringEnumMemberName("ERROR")] Error,
    /// <summary>Data the check needs was denied, throttled, timed out or is out of reach.</summary>
    [JsonStringEnumMemberName("NOT_ASSESSED")] NotAssessed,
    /// <summary>Nothing the check applies to exists in scope (no buckets, service absent from the region).</summary>
    [JsonStringEnumMemberName("NOT_APPLICABLE")] NotApplicable,
}

/// <summary>
/// What a check judges: one account (evaluated in each), or the organization (evaluated once per scan on the data
/// of the management account or a delegated administrator, reported once under the organization).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckScope>))]
public enum CheckScope
{
    [JsonStringEnumMemberName("account")] Account,
    [JsonStringEnumMemberName("organization")] Organization,
}

public static class EnumText
{
    public static string Lower(this Severity s) => s.ToString().ToLowerInvariant();
    public static string Upper(this Severity s) => s.ToString().ToUpperInvariant();
    public static string Lower(this Category c) => c.ToString().ToLowerInvariant();
    public static string Lower(this Effort e) => e.ToString().ToLowerInvariant();

    public static string Label(this CheckStatus s) => s switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Error => "ERROR",
        CheckStatus.NotAssessed => "NOT ASSESSED",
        _ => "NOT APPLICABLE",
    };

    public static bool TryParseSeverity(string text, out Severity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _);

    public static bool TryParseCategory(string text, out Category category) =>
        Enum.TryParse(text, ignoreCase: true, out category) && Enum.IsDefined(category) && !int.TryParse(text, out _);
}
