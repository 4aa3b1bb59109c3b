namespace CloudAudit.Inventory;

/// <summary>Small helpers for AWS identifiers and ARNs.</summary>
public static class AwsIds
{
    public const string GlobalRegion = "global";

    public static bool IsAccountId(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>
    /// Where CloudTrail records the events of global services (IAM, STS's global endpoint, the root user's sign-in)
    /// in a partition; null for a partition this build does not know.
    /// </summary>
    public static string? GlobalEventsRegion(string partition) => partition switch
    {
        "aws" => "us-east-1",
        "aws-us-gov" => "us-gov-west-1",
        "aws-cn" => "cn-north-1",
        _ => null,
    };

    /// <summary>An instant as inventories store it: ISO 8601 in UTC, to the second ("2026-11-01T12:00:00Z").</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An ARN split into its parts: arn:partition:service:region:account:resource.</summary>
public sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static Arn? TryParse(string? value)
    {
        if (value is null || !value.StartsWith("arn:", StringComparison.Ordinal))
            return null;
        var parts = value.Split(':', 6);
        return parts.Length == 6 ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
