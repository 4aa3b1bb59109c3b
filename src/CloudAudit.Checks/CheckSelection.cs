using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks;

/// <summary>Which checks a scan runs: by ID, exclusion, service and category.</summary>
public sealed record CheckSelection
{
    public IReadOnlyCollection<string> Include { get; init; } = [];
    public IReadOnlyCollection<string> Exclude { get; init; } = [];
    public IReadOnlyCollection<string> Services { get; init; } = [];
    public IReadOnlyCollection<Category> Categories { get; init; } = [];

    public IReadOnlyList<Check> Apply(IEnumerable<Check> checks) => checks.Where(Selects).ToList();

    public bool Selects(Check check)
    {
        var info = check.Info;
        if (Include.Count > 0 && !Include.Contains(info.Id, StringComparer.OrdinalIgnoreCase)) return false;
        if (Exclude.Contains(info.Id, StringComparer.OrdinalIgnoreCase)) return false;
        if (Services.Count > 0 && !Services.Any(s => MatchesService(info, s))) return false;
        if (Categories.Count > 0 && !Categories.Contains(info.Category)) return false;
        return true;
    }

    /// <summary>A service filter matches the label ("CloudTrail"), the ID segment ("ct") or the API name ("cloudtrail").</summary>
    public static bool MatchesService(CheckInfo info, string service) =>
        string.Equals(info.Service, service, StringComparison.OrdinalIgnoreCase)
        || string.Equals(info.IdService, service, StringComparison.OrdinalIgnoreCase)
        || string.Equals(info.Service.Replace(" ", "", StringComparison.Ordinal), service.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>Unknown IDs in a list, so callers can reject them up front.</summary>
    public static IReadOnlyList<string> UnknownIds(IEnumerable<string> ids) =>
        ids.Where(id => CheckRegistry.Find(id) is null).ToList();
}
