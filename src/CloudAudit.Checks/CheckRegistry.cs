using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks;

/// <summary>
/// Every check this build ships, discovered from this assembly: a new check class (or a new row in a
/// family's table) is all it takes to add one.
/// </summary>
public static class CheckRegistry
{
    private static readonly Lazy<IReadOnlyList<Check>> AllChecks = new(Discover);

    public static IReadOnlyList<Check> All => AllChecks.Value;

    public static Check? Find(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Info.Id, id, StringComparison.OrdinalIgnoreCase));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Check types live in this assembly and are rooted by it.")]
    private static List<Check> Discover()
    {
        var checks = new List<Check>();
        foreach (var type in typeof(CheckRegistry).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
                continue;
            if (typeof(Check).IsAssignableFrom(type) && !IsFamilyMember(type))
                checks.Add((Check)Activator.CreateInstance(type)!);
            else if (typeof(ICheckFamily).IsAssignableFrom(type))
                checks.AddRange(((ICheckFamily)Activator.CreateInstance(type)!).Checks);
        }
        var duplicate = checks.GroupBy(c => c.Info.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"check id {duplicate.Key} is registered twice");
        return checks.OrderBy(c => c.Info.Id, StringComparer.Ordinal).ToList();
    }

    private static bool IsFamilyMember(Type type) => type.GetCustomAttribute<FamilyMemberAttribute>() is not null;
}

/// <summary>Marks a check class that is instantiated by its family, not on its own.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FamilyMemberAttribute : Attribute;
