using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// A check: metadata, the API data it reads, and an evaluation that is a pure function of the
/// inventory. Checks never call AWS; the collector gathers <see cref="Reads"/> beforehand.
/// </summary>
public abstract class Check
{
    public abstract CheckInfo Info { get; }

    /// <summary>The API calls whose stored responses <see cref="Evaluate"/> reads.</summary>
    public abstract IReadOnlyList<ApiCall> Reads { get; }

    /// <summary>Records findings, gaps and the number of resources examined into <paramref name="verdict"/>.</summary>
    public abstract void Evaluate(CheckContext context, Verdict verdict);

    public override string ToString() => Info.Id;
}

/// <summary>A family of checks that share one implementation and differ in data (one row per check).</summary>
public interface ICheckFamily
{
    IEnumerable<Check> Checks { get; }
}
