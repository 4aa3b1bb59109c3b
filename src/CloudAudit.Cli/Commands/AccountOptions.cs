using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudAudit.Cli.Configuration;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary>Which accounts a multi-account <c>scan</c> or <c>collect</c> covers, and how it reaches them.</summary>
/// <param name="Organization">List the accounts of the caller's AWS Organization (management account or delegated administrator).</param>
/// <param name="Ous">Only accounts under these OUs (or the root), at any depth.</param>
/// <param name="RoleName">The role assumed in each account.</param>
/// <param name="Accounts">Exactly these accounts; without <paramref name="Organization"/>, the accounts to scan.</param>
/// <param name="Balance">Seconds each account took in a previous run, to balance <paramref name="Shard"/>; null to split by account ID.</param>
/// <param name="BalanceBasis">What <paramref name="Balance"/> came from, as each shard records it (<see cref="ShardSplit"/>).</param>
/// <param name="HistoryBasis">With <c>--shard-balance history</c>: balance by the history's scans that started before this time.</param>
public sealed record AccountScope(bool Organization, IReadOnlyList<string> Ous, string RoleName, IReadOnlyList<string> Accounts,
    IReadOnlyList<string> ExcludedAccounts, Shard? Shard, TimeSpan AccountTimeout, IReadOnlyDictionary<string, double>? Balance,
    string BalanceBasis = ShardSplit.ByAccountId, DateTimeOffset? HistoryBasis = null)
{
    public const string DefaultRoleName = "OrganizationAccountAccessRole";
}

/// <summary>The options of <c>scan</c> and <c>collect</c> that cover several accounts.</summary>
public sealed partial class AccountOptions
{
    public const string RoleNameVariable = "CLOUD_AUDIT_ORG_ROLE_NAME";

    public Option<bool> Organization { get; } = new("--organization") { Description = "Scan every ACTIVE account of the AWS Organization (run from the management account or a delegated administrator)" };
    public Option<string[]> Ous { get; } = List("--ous", "With --organization: only accounts under these OU IDs (ou-… or the root r-…), at any depth");
    public Option<string?> RoleName { get; } = new("--org-role-name") { Description = $"Role assumed in each account (default {AccountScope.DefaultRoleName}; also {RoleNameVariable})" };
    public Option<string[]> Accounts { get; } = List("--accounts", "Only these account IDs; without --organization, the accounts to scan (each through --org-role-name)");
    public Option<string[]> ExcludeAccounts { get; } = List("--exclude-accounts", "Leave these account IDs out");
    public Option<string?> Shard { get; } = new("--shard") { Description = "Take share K of N of the accounts (K/N, e.g. 2/5): run N machines with K = 1..N, then `merge` their outputs" };
    public Option<string?> ShardBalance { get; } = new("--shard-balance")
    {
        Description = "Balance --shard by how long each account took (default: split by account ID): `history` (the history store, with --shard-basis; "
            + "shards on several machines need one shared store), or a previous run's JSON report or inventory",
    };
    public Option<string?> ShardBasis { get; } = new("--shard-basis")
    {
        Description = "With --shard-balance history: balance by the scans that started before this time (ISO 8601 UTC, e.g. 2026-12-08T10:00:00Z), the same for every shard of the run",
    };
    public Option<string?> AccountTimeout { get; } = new("--account-timeout") { Description = "An account whose own collection takes longer (its wait for a place among the accounts in flight not counted, nor the event-history reads made during that wait) is NOT ASSESSED and the scan goes on (e.g. 90s, 30m, 2h; default 1h)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Organization, Ous, RoleName, Accounts, ExcludeAccounts, Shard, ShardBalance, ShardBasis, AccountTimeout })
            command.Options.Add(option);
    }

    /// <summary>The scope asked for, validated; null for a single-account run (none of these options given).</summary>
    public AccountScope? Resolve(ParseResult result)
    {
        var organization = result.GetValue(Organization);
        var ous = ScanOptions.Split(result.GetValue(Ous));
        var accounts = AccountIds(result.GetValue(Accounts), "--accounts");
        var excluded = AccountIds(result.GetValue(ExcludeAccounts), "--exclude-accounts");
        var shardText = result.GetValue(Shard);
        var roleFlag = result.GetValue(RoleName);
        var multiAccount = organization || accounts.Count > 0;
        if (!multiAccount)
        {
            var stray = new (bool Given, string Name)[]
            {
                (ous.Count > 0, "--ous"), (excluded.Count > 0, "--exclude-accounts"), (shardText is not null, "--shard"),
                (roleFlag is not null, "--org-role-name"), (result.GetValue(ShardBalance) is not null, "--shard-balance"),
                (result.GetValue(ShardBasis) is not null, "--shard-basis"), (result.GetValue(AccountTimeout) is not null, "--account-timeout"),
            }.FirstOrDefault(o => o.Given);
            return stray.Given ? throw new UsageException($"{stray.Name} needs --organization or --accounts") : null;
        }
        if (ous.Count > 0 && !organization)
            throw new UsageException("--ous needs --organization");
        foreach (var ou in ous.Where(o => !OuPattern().IsMatch(o)))
            throw new UsageException($"invalid OU ID '{ou}' (expected ou-xxxx-xxxxxxxx or a root r-xxxx)");

        var roleName = roleFlag ?? NonEmpty(CliEnvironment.Variable(RoleNameVariable)) ?? AccountScope.DefaultRoleName;
        if (!RoleNamePattern().IsMatch(roleName))
            throw new UsageException($"invalid role name '{roleName}' (expected a role name or path/name, such as {AccountScope.DefaultRoleName})");

        Shard? shard = null;
        if (shardText is not null)
        {
            try
            {
                shard = Collection.Organizations.Shard.Parse(shardText);
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
        }
        var balanceText = result.GetValue(ShardBalance);
        var basisText = result.GetValue(ShardBasis);
        if (balanceText is not null && shard is null)
            throw new UsageException("--shard-balance needs --shard");
        if (basisText is not null && balanceText != HistoryBalance)
            throw new UsageException("--shard-basis needs --shard-balance history");
        var timeout = result.GetValue(AccountTimeout) is { } text ? Duration(text) : TimeSpan.FromHours(1);
        var scope = new AccountScope(organization, ous, roleName, accounts, excluded, shard, timeout, null);
        if (balanceText == HistoryBalance)
            return scope with
            {
                HistoryBasis = basisText is null
                    ? throw new UsageException("--shard-balance history needs --shard-basis TIME (ISO 8601 UTC, the same for every shard of the run, e.g. its scheduled time)")
                    : Basis(basisText),
            };
        return balanceText is null ? scope : scope with { Balance = ShardBalanceFile.Read(balanceText), BalanceBasis = ShardSplit.ByFile };
    }

    /// <summary>
    /// <c>scan --snapshot</c>: --accounts, --exclude-accounts and --ous narrow the inventory to some of its accounts
    /// (an OU by the OU path each account was collected with); the options that reach AWS are refused.
    /// </summary>
    public void Narrow(ParseResult result, InventorySnapshot snapshot)
    {
        foreach (var (option, given) in new (string, bool)[]
        {
            ("--organization", result.GetValue(Organization)), ("--shard", result.GetValue(Shard) is not null),
            ("--org-role-name", result.GetValue(RoleName) is not null), ("--shard-balance", result.GetValue(ShardBalance) is not null),
            ("--shard-basis", result.GetValue(ShardBasis) is not null),
            ("--account-timeout", result.GetValue(AccountTimeout) is not null),
        })
            if (given)
                throw new UsageException($"{option} reads AWS and cannot be combined with --snapshot");
        var accounts = AccountIds(result.GetValue(Accounts), "--accounts");
        var excluded = AccountIds(result.GetValue(ExcludeAccounts), "--exclude-accounts");
        var ous = ScanOptions.Split(result.GetValue(Ous));
        var missing = accounts.Where(id => snapshot.Accounts.All(a => a.AccountId != id)).ToList();
        if (missing.Count > 0)
            throw new UsageException($"--accounts: the inventory holds no account {string.Join(", ", missing)}");
        var kept = snapshot.Accounts.Where(a => (accounts.Count == 0 || accounts.Contains(a.AccountId)) && !excluded.Contains(a.AccountId)
            && (ous.Count == 0 || UnderAny(a, ous))).ToList();
        if (kept.Count == 0)
            throw new UsageException("no account of the inventory is left after --accounts, --exclude-accounts and --ous");
        snapshot.Accounts = kept;
    }

    /// <summary>Under one of the OUs, or under the root when one of them is a root ID (every account chosen from an organization).</summary>
    private static bool UnderAny(AccountInventory account, IReadOnlyList<string> ous) =>
        account.OuPath is { } path && (ous.Any(o => o.StartsWith("r-", StringComparison.Ordinal)) || path.Any(o => ous.Contains(o.Id)));

    private static List<string> AccountIds(string[]? values, string option)
    {
        var ids = ScanOptions.Split(values);
        var invalid = ids.FirstOrDefault(id => !AwsIds.IsAccountId(id));
        return invalid is null ? ids.Distinct().ToList()
            : throw new UsageException($"invalid account ID '{invalid}' in {option} (expected 12 digits)");
    }

    /// <summary>"90s", "30m", "2h" (a bare number is minutes).</summary>
    private static TimeSpan Duration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            throw new UsageException($"invalid --account-timeout '{text}' (expected a duration such as 90s, 30m or 2h)");
        return match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
    }

    /// <summary>The value of --shard-balance that balances by the history store.</summary>
    public const string HistoryBalance = "history";

    /// <summary>An ISO 8601 time in UTC (Z or +00:00), so every shard reads the same instant whatever its machine's zone.</summary>
    private static DateTimeOffset Basis(string text)
    {
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var basis)
            || !text.Trim().Contains('T') || basis.Offset != TimeSpan.Zero
            || !(text.TrimEnd().EndsWith('Z') || text.TrimEnd().EndsWith("+00:00", StringComparison.Ordinal)))
            throw new UsageException($"invalid --shard-basis '{text}' (expected an ISO 8601 time in UTC, e.g. 2026-12-08T10:00:00Z)");
        return basis;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Option<string[]> List(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };

    [GeneratedRegex(@"^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$")]
    private static partial Regex OuPattern();

    [GeneratedRegex(@"^([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([smh]?)$")]
    private static partial Regex DurationPattern();
}
