using System.Diagnostics;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis;

/// <summary>One account a scan covered: where it sits in its organization, and whether it could be assessed.</summary>
/// <param name="OuPath">The OUs above the account, root first; empty when it sits under the root or no organization was read.</param>
/// <param name="NotAssessed">Why nothing of the account could be read; null when it was assessed.</param>
/// <param name="CollectionSeconds">How long reading it took, its waits for a place among the accounts in flight not counted (live multi-account scans), for balancing the next sharded run.</param>
public sealed record ScannedAccount(string AccountId, string? Name, string? Alias, IReadOnlyList<OrganizationalUnitRef> OuPath,
    string? NotAssessed, double? CollectionSeconds)
{
    public bool Assessed => NotAssessed is null;

    /// <summary>"Root/Production/Web" for an account chosen from an organization; null otherwise.</summary>
    public string? OuPathText => OuPath.Count > 0 || Name is not null ? string.Join('/', OuPath.Select(o => o.Name).Prepend("Root")) : null;

    public static ScannedAccount Of(AccountInventory account) =>
        new(account.AccountId, account.Name, account.Alias, account.OuPath ?? [], account.NotAssessed, account.CollectionSeconds);
}

/// <summary>
/// Evaluates a scan account by account, as each inventory arrives, and keeps only the results: a multi-account
/// scan never holds more than the accounts in flight. <see cref="Finish"/> analyses everything at once, in account
/// ID order whatever order the accounts came in, so a scan split into shards and merged reads the same.
/// With <paramref name="organizationOnce"/> (a scan of an organization) the organization checks are left out of each
/// account and evaluated once, on the organization's data (<see cref="AddOrganization"/>); their results come first.
/// </summary>
public sealed class ScanAccumulator(IReadOnlyList<Check> checks, DateTimeOffset now, AnalysisOptions options, Action<Check>? onEvaluated = null,
    bool organizationOnce = false)
{
    private readonly List<Account> accounts = [];
    private readonly IReadOnlyList<Check> accountChecks = organizationOnce ? [.. checks.Where(c => c.Info.Scope == CheckScope.Account)] : checks;
    private readonly IReadOnlyList<Check> organizationChecks = organizationOnce ? [.. checks.Where(c => c.Info.Scope == CheckScope.Organization)] : [];
    private IReadOnlyList<AnalyzedResult> organizationResults = [];
    private readonly Stopwatch evaluation = new();

    private sealed record Account(ScannedAccount Details, IReadOnlyList<string> Regions, IReadOnlyList<AnalyzedResult> Results,
        AttackPathAnalyzer.AccountPart? Analysis);

    public int Count => accounts.Count;

    /// <summary>
    /// Evaluates the selected checks on one account (none when it was not assessed), analyses its results (suppressions,
    /// threshold and root-cause folding are decided within an account) and builds its part of the security graph.
    /// </summary>
    public void Add(AccountInventory account)
    {
        evaluation.Start();
        IReadOnlyList<AnalyzedResult> analyzed = [];
        AttackPathAnalyzer.AccountPart? part = null;
        if (account.NotAssessed is null)
        {
            var context = new CheckContext(new AccountData(account), now);
            analyzed = ScanAnalyzer.Analyze(CheckRunner.Run(accountChecks, [context], onEvaluated), options).Results;
            part = AttackPathAnalyzer.AnalyzeAccount(context, analyzed);
        }
        evaluation.Stop();
        accounts.Add(new Account(ScannedAccount.Of(account), account.Regions, analyzed, part));
    }

    /// <summary>
    /// Evaluates the organization checks once on the organization's data (read by the management account or a delegated
    /// administrator); null when this run has none to evaluate, which makes each of them NOT ASSESSED with <paramref name="whyMissing"/>.
    /// </summary>
    public void AddOrganization(AccountInventory? organization, string managementAccountId, string whyMissing)
    {
        if (organizationChecks.Count == 0) return;
        evaluation.Start();
        var results = organization is null
            ? organizationChecks.Select(c => NotAssessed(c, managementAccountId, whyMissing)).ToList()
            : CheckRunner.Run(organizationChecks, [new CheckContext(new AccountData(organization), now) { OrganizationScope = true }], onEvaluated)
                .Select(r => r with
                {
                    // Owned by the organization's management account whoever read the data (it or a delegated
                    // administrator), so fingerprints, baselines and suppressions do not change with the caller.
                    AccountId = managementAccountId,
                    Scope = CheckScope.Organization,
                    Findings = [.. r.Findings.Select(f => f with { AccountId = managementAccountId, Scope = CheckScope.Organization })],
                })
                .ToList();
        organizationResults = ScanAnalyzer.Analyze(results, options).Results;
        evaluation.Stop();
    }

    private static CheckResult NotAssessed(Check check, string accountId, string why) => new()
    {
        CheckId = check.Info.Id,
        CheckName = check.Info.Title,
        AccountId = accountId,
        Status = CheckStatus.NotAssessed,
        Reason = why,
        Scope = CheckScope.Organization,
    };

    /// <param name="elapsedBefore">Time spent before evaluation (collection), counted in the report's duration.</param>
    public ScanReport Finish(string source, string toolVersion, DateTimeOffset timestamp, TimeSpan elapsedBefore = default,
        OrganizationScope? organization = null)
    {
        evaluation.Start();
        var ordered = accounts.OrderBy(a => a.Details.AccountId, StringComparer.Ordinal).ToList();
        var results = organizationResults.Concat(ordered.SelectMany(a => a.Results)).ToList();
        var attackPaths = AttackPathAnalyzer.Combine([.. ordered.Select(a => a.Analysis).OfType<AttackPathAnalyzer.AccountPart>()]);
        var summary = ScanAnalyzer.Summarize(results) with
        {
            AttackChainsDetected = attackPaths.Chains.Count,
            EscalationPathsDetected = attackPaths.EscalationPaths.Count,
            AgentsDiscovered = attackPaths.Agents.Count,
        };
        evaluation.Stop();
        return new ScanReport
        {
            AccountIds = ordered.Select(a => a.Details.AccountId).ToList(),
            Regions = ordered.SelectMany(a => a.Regions).Distinct().ToList(),
            Timestamp = timestamp,
            DurationSeconds = Math.Round((elapsedBefore + evaluation.Elapsed).TotalSeconds, 2),
            Source = source,
            ToolVersion = toolVersion,
            MinSeverity = options.MinSeverity,
            Summary = summary,
            AttackPaths = attackPaths,
            Results = results,
            ExpiredSuppressions = options.Suppressions.Where(s => !s.IsActive(options.Today)).ToList(),
            AccountDetails = ordered.Select(a => a.Details).ToList(),
            Organization = organization is null ? null : new ScanOrganization(organization.Id, organization.ManagementAccountId),
        };
    }
}

/// <summary>The AWS Organization a multi-account scan chose its accounts from.</summary>
public sealed record ScanOrganization(string Id, string ManagementAccountId);

/// <summary>Shard <paramref name="Index"/> of <paramref name="Count"/> of a run over <paramref name="AccountsTotal"/> accounts.</summary>
/// <param name="Balance">What the split was balanced by; null for shards written before it was recorded.</param>
/// <param name="SplitDigest">The digest of the whole split, the same in every shard of the run (see <c>ShardSplit</c>).</param>
/// <param name="Assignment">Every account of the run and the shard it went to.</param>
public sealed record ScanShard(int Index, int Count, int AccountsTotal, string? Balance = null, string? SplitDigest = null,
    IReadOnlyDictionary<string, int>? Assignment = null)
{
    public static ScanShard Of(CloudAudit.Inventory.Snapshot.ShardScope shard) =>
        new(shard.Index, shard.Count, shard.AccountsTotal, shard.Balance, shard.SplitDigest, shard.Assignment);
}
