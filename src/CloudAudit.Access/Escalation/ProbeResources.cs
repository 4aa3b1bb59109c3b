using System.Text.RegularExpressions;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>
/// Concrete resource ARNs to ask the engine about when a path acts on a resource the principal names itself
/// (a new function, stack, job): the catalogue's ARN format filled with a probe name, plus the resources the
/// principal's own Allow statements name, with their wildcards filled in. A permission counts when any of them
/// is allowed, so a grant on "function:dev-*" lets the attacker create "dev-anything".
/// </summary>
internal static partial class ProbeResources
{
    public const string ProbeName = "escalation-probe";

    [GeneratedRegex(@"\$\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The action's resource type by name, or its first required one; null when the action has none ("*").</summary>
    public static ResourceTypeInfo? TypeOf(ActionInfo action, string? name)
    {
        var service = IamCatalog.Default.FindService(action.Service);
        var wanted = name ?? action.ResourceTypes.FirstOrDefault(r => r.Required)?.Name ?? action.ResourceTypes.FirstOrDefault()?.Name;
        return wanted is null ? null : service?.ResourceTypes.FirstOrDefault(t => t.Name == wanted);
    }

    /// <summary>The ARN format with partition, region and account filled in and every name set to the probe name.</summary>
    public static string DefaultArn(ResourceTypeInfo type, string partition, string region, string account) =>
        Placeholder().Replace(type.ArnFormat, m => m.Groups[1].Value switch
        {
            "Partition" => partition,
            "Region" => region,
            "Account" => account,
            _ => ProbeName,
        });

    /// <summary>Every resource of the type in the account, in any region: what a Deny on a broad grant should name.</summary>
    public static string AnyOf(ResourceTypeInfo? type, string partition, string account) =>
        type is null ? "*" : Placeholder().Replace(type.ArnFormat, m => m.Groups[1].Value switch
        {
            "Partition" => partition,
            "Account" => account,
            _ => "*",
        });

    /// <summary>The default ARN and the resources of the given Allow statements that fit the resource type.</summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<Statement> allowing, ResourceTypeInfo type, string defaultArn)
    {
        var candidates = new List<string> { defaultArn };
        foreach (var statement in allowing)
        {
            if (statement.NotResource || statement.Resources is null) continue;
            foreach (var resource in statement.Resources)
            {
                if (resource.Template.HasVariables || resource.MatchesEverything) continue;
                var filled = Fill(resource.Text);
                if (type.Matches(filled) && !candidates.Contains(filled)) candidates.Add(filled);
            }
        }
        return candidates;
    }

    /// <summary>A probe ARN as people should read it (and a Deny should name it): the probe name back to a wildcard.</summary>
    public static string AsPattern(string resource) => resource.Replace(ProbeName, "*", StringComparison.Ordinal);

    /// <summary>A resource pattern with its wildcards replaced by probe text.</summary>
    public static string Fill(string pattern) => pattern.Replace("*", ProbeName, StringComparison.Ordinal).Replace('?', 'x');

    /// <summary>Whether an action applies to a resource: "*", or one of its resource types' ARN formats.</summary>
    public static bool Accepts(ActionInfo action, string resource)
    {
        if (resource == "*") return true;
        var service = IamCatalog.Default.FindService(action.Service);
        if (service is null) return false;
        return action.ResourceTypes.Any(r => service.ResourceTypes.FirstOrDefault(t => t.Name == r.Name)?.Matches(resource) == true);
    }
}
