namespace CloudAudit.Inventory;

/// <summary>Small helpers for AWS identifiers and ARNs.</summary>
public static class AwsIds
{
    public const string GlobalRegion = "global";

    public static bool IsAccountId(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit);
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
