using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks;

/// <summary>Evaluates checks against an inventory. Pure and parallel: checks only read.</summary>
public static class CheckRunner
{
    public static IReadOnlyList<CheckResult> Run(IReadOnlyList<Check> checks, IEnumerable<AccountData> accounts,
        DateTimeOffset now, Action<Check>? onEvaluated = null) =>
        Run(checks, accounts.Select(a => new CheckContext(a, now)).ToList(), onEvaluated);

    /// <summary>
    /// Evaluates the checks in each given context; the contexts keep what the checks shared (parsed policies, the
    /// escalation analysis) for the analysis layer to read afterwards.
    /// </summary>
    public static IReadOnlyList<CheckResult> Run(IReadOnlyList<Check> checks, IReadOnlyList<CheckContext> contexts, Action<Check>? onEvaluated = null)
    {
        var results = new List<CheckResult>();
        foreach (var context in contexts)
        {
            var accountResults = new CheckResult[checks.Count];
            Parallel.For(0, checks.Count, i =>
            {
                accountResults[i] = Evaluate(checks[i], context);
                onEvaluated?.Invoke(checks[i]);
            });
            results.AddRange(accountResults);
        }
        return results;
    }

    public static CheckResult Evaluate(Check check, CheckContext context)
    {
        var verdict = new Verdict(check.Info, context);
        try
        {
            check.Evaluate(context, verdict);
            return verdict.ToResult();
        }
#pragma warning disable CA1031 // a broken check must become an ERROR result, not end the scan
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new CheckResult
            {
                CheckId = check.Info.Id,
                CheckName = check.Info.Title,
                AccountId = context.AccountId,
                Status = CheckStatus.Error,
                Error = $"{e.GetType().Name}: {e.Message}",
                Reason = "the check failed while evaluating; this is a cloud-audit bug or malformed data",
                Gaps = verdict.Gaps,
            };
        }
    }

    /// <summary>The distinct API calls (with ancestors) that a set of checks reads.</summary>
    public static IReadOnlyList<ApiCall> RequiredCalls(IEnumerable<Check> checks) =>
        checks.SelectMany(c => c.Reads).SelectMany(c => c.WithAncestors()).Distinct().ToList();
}
