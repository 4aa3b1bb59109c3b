using System.Text.RegularExpressions;
using CloudAudit.Access.Principals;
using CloudAudit.Policy.Catalog;
using Arn = CloudAudit.Policy.Matching.Arn;

namespace CloudAudit.Access.Queries;

/// <summary>An argument of an access question that names nothing real: the message says what is closest.</summary>
public sealed class AccessArgumentException(string message) : Exception(message);

/// <summary>
/// The arguments of access questions (<c>access</c> in the CLI, the MCP tools), validated before any work; a bad one
/// names the closest valid names.
/// </summary>
public static partial class AccessArguments
{
    /// <summary>A catalogue action, spelled as the catalogue does (s3:getobject becomes s3:GetObject).</summary>
    public static string Action(string text)
    {
        if (IamCatalog.Default.FindAction(text.Trim()) is { } known) return known.FullName;
        if (text.Contains('*') || text.Contains('?'))
            throw new AccessArgumentException($"'{text}' is a pattern: ask about one action, e.g. s3:GetObject");
        var colon = text.IndexOf(':');
        var service = colon > 0 ? IamCatalog.Default.FindService(text[..colon]) : null;
        if (service is null)
        {
            var prefixes = IamCatalog.Default.Services.Select(s => s.Prefix);
            var guess = colon > 0 ? text[..colon] : text;
            throw new AccessArgumentException($"unknown action '{text}': no service '{guess}' (closest: {Closest(guess, prefixes)})");
        }
        throw new AccessArgumentException($"unknown action '{text}' (closest: {Closest(text, service.Actions.Select(a => a.FullName))})");
    }

    /// <summary>A resource ARN, or * for every resource.</summary>
    public static string Resource(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "*") return "*";
        return Arn.TryParse(text, out var arn) && arn.Service.Length > 0 && arn.Resource.Length > 0 ? text
            : throw new AccessArgumentException($"invalid resource ARN '{text}' (expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. arn:aws:s3:::my-bucket/key)");
    }

    /// <summary>A user or role ARN; an assumed-role session ARN stands for its role.</summary>
    public static string PrincipalArn(string text)
    {
        if (AssumedRole().Match(text) is { Success: true } session)
            return $"arn:{session.Groups["partition"].Value}:iam::{session.Groups["account"].Value}:role/{session.Groups["role"].Value}";
        return IamPrincipal().IsMatch(text) ? text
            : throw new AccessArgumentException($"invalid principal ARN '{text}' (expected arn:aws:iam::123456789012:user/NAME or :role/NAME)");
    }

    /// <summary>
    /// Request context values (<c>aws:SourceIp</c> → <c>203.0.113.9</c>), each checked against its key's type in the
    /// catalogue. A key must read SERVICE:NAME; an <c>aws:</c> key must be a global condition key (the catalogue holds
    /// them all), so a misspelt one is refused with the closest instead of silently matching nothing. Keys of other
    /// services the catalogue does not list are taken as strings (identity providers' keys such as <c>saml:aud</c>).
    /// </summary>
    public static Dictionary<string, string> Context(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            var colon = key.IndexOf(':');
            if (colon <= 0 || colon == key.Length - 1 || key.Any(char.IsWhiteSpace))
                throw new AccessArgumentException($"'{key}' is not a condition key (expected SERVICE:NAME, e.g. aws:SourceIp)");
            var info = IamCatalog.Default.FindConditionKey(key);
            if (info is null && key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw new AccessArgumentException($"unknown global condition key '{key}' (closest: {Closest(key, IamCatalog.Default.GlobalConditionKeyNames)})");
            if (info?.CheckValue(value) is { } expected)
                throw new AccessArgumentException($"{key}: '{value}' is not {expected}");
            values[key] = value;
        }
        return values;
    }

    /// <summary>The account's user or role with this ARN; an unknown one names the closest ones.</summary>
    public static IamEntity Find(AccessModel model, string arn)
    {
        if (model.Find(arn) is { IsPrincipal: true } entity) return entity;
        // A role's ARN carries its path (role/service-role/x): accept the name alone as well.
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var kind = arn.Contains(":user/", StringComparison.Ordinal) ? IamEntityKind.User : IamEntityKind.Role;
        var byName = model.Principals.Where(p => p.Kind == kind && p.Name == name && Arn.AccountOf(p.Arn) == Arn.AccountOf(arn)).ToList();
        if (byName.Count == 1) return byName[0];
        var known = model.Principals.Select(p => p.Arn).ToList();
        throw new AccessArgumentException(known.Count == 0
            ? $"unknown principal '{arn}': account {model.AccountId} has no users or roles in this inventory"
            : $"unknown principal '{arn}' in account {model.AccountId} (closest: {Closest(arn, known)})");
    }

    /// <summary>The three candidates nearest to <paramref name="text"/> by edit distance, ignoring case.</summary>
    public static string Closest(string text, IEnumerable<string> candidates) =>
        string.Join(", ", candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: EditDistance(text.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).Take(3).Select(c => c.Name));

    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:(user|role)/[\w+=,.@/-]+$")]
    private static partial Regex IamPrincipal();

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):sts::(?<account>\d{12}):assumed-role/(?<role>[\w+=,.@-]+)/[\w+=,.@-]+$")]
    private static partial Regex AssumedRole();
}
