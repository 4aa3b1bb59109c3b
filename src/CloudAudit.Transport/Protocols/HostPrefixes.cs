using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>The endpoint trait: a host prefix such as "{AccountId}." filled from host-label members.</summary>
internal static partial class HostPrefixes
{
    public static string? Resolve(OperationModel operation, JsonObject input)
    {
        if (operation.HostPrefix is not { } template)
            return null;
        var shape = operation.Input?.Target;
        return Label().Replace(template, match =>
        {
            var member = shape?.Members.FirstOrDefault(m => m.HostLabel && m.Name == match.Groups[1].Value)
                ?? throw new ArgumentException($"{operation.Name} has no host label {match.Groups[1].Value}");
            var value = input[member.Name]?.GetValue<string>();
            if (string.IsNullOrEmpty(value) || !ValidLabel().IsMatch(value))
                throw new ArgumentException($"{member.Name} must be a valid host name label (part of the host name)");
            return value;
        });
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex ValidLabel();
}
