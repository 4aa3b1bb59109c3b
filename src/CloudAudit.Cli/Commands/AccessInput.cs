using System.CommandLine;
using System.Text.RegularExpressions;
using CloudAudit.Access;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Verification;
using CloudAudit.Checks;
using CloudAudit.Cli.Configuration;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Matching;
using Arn = CloudAudit.Policy.Matching.Arn;

namespace CloudAudit.Cli.Commands;

/// <summary>Where an <c>access</c> question is answered: a snapshot, or the live account read for it.</summary>
internal sealed class AccessSource
{
    /// <summary>
    /// The checks whose reads hold everything the access model evaluates: the authorization details, the SCPs of the
    /// account's organization, and the resource policies of buckets, keys, topics, queues, secrets and functions.
    /// </summary>
    internal static readonly string[] ReadsOf = ["aws-iam-018", "aws-kms-002", "aws-dp-001", "aws-dp-002", "aws-dp-003", "aws-dp-004", "aws-dp-005"];

    private readonly LiveOptions _live = new();
    private readonly Option<string?> _snapshot = new("--snapshot") { Description = "Answer from a saved inventory (from `collect` or `demo --save-snapshot`) instead of calling AWS" };
    private readonly Option<string?> _account = new("--account") { Description = "The account to answer for, when the snapshot holds several" };
    private readonly Option<string[]> _regions = new("--regions", "-r") { Description = "Regions whose resource policies are read (comma-separated; default: the home region)", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _format = new("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "No progress on stderr while reading the live account" };
    private readonly Option<bool> _verify = new("--verify")
    {
        Description = "Ask AWS's own evaluator (iam:SimulatePrincipalPolicy, a read) to confirm each answer: verified true, false (with the layer that denied) or null; live accounts only",
    };
    private LiveTarget? _target;

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _snapshot, _account, _regions, _format, _quiet, _verify })
            command.Options.Add(option);
        _live.AddTo(command);
    }

    /// <summary>
    /// The access model of the account asked about: <c>--account</c>, else the only account of the inventory, else
    /// <paramref name="accountHint"/> (the account of the principal or resource asked about). Bad input is exit 2.
    /// </summary>
    /// <returns>No model when Ctrl-C stopped the live read (said on stderr).</returns>
    public (AccessModel? Model, string Format) Load(ParseResult result, AwsAccess? access, string? accountHint = null)
    {
        var format = result.GetValue(_format)?.ToLowerInvariant() is "table" or "json" ? result.GetValue(_format)!.ToLowerInvariant()
            : throw new UsageException($"unknown format '{result.GetValue(_format)}'; use table or json");
        var account = result.GetValue(_account);
        if (account is not null && !Regex.IsMatch(account, @"^\d{12}$"))
            throw new UsageException($"invalid --account '{account}' (expected a 12-digit account ID)");
        var regions = ScanOptions.Split(result.GetValue(_regions));
        foreach (var region in regions.Where(r => !RegionNames.IsValid(r)))
            throw new UsageException($"invalid region '{region}' (expected a name such as eu-west-1)");

        InventorySnapshot snapshot;
        if (result.GetValue(_snapshot) is { } path)
        {
            if (result.GetValue(_verify))
                throw new UsageException("--verify asks AWS's evaluator about the live account: it cannot be used with --snapshot");
            try
            {
                snapshot = SnapshotFile.Read(path);
            }
            catch (SnapshotException e)
            {
                throw new UsageException(e.Message);
            }
        }
        else
        {
            access ??= AwsAccess.Default;
            var defaults = ScanDefaults.Load(null, ambient: true);
            var target = _target = _live.Resolve(result, regions, access, defaults.Profile, defaults.RoleArn);
            var selection = new CheckSelection { Include = ReadsOf };
            if (LiveCollection.Collect(target, selection, regions, false, access, result.InvocationConfiguration.Error, result.GetValue(_quiet)) is not { } collected)
                return (null, format);
            snapshot = collected.Snapshot;
        }
        return (AccessModel.Build(new AccountData(Pick(snapshot, account, accountHint)), snapshot.CollectedAt), format);
    }

    /// <summary>
    /// Loads the model and answers with <paramref name="answer"/>, which gets AWS's evaluator when <c>--verify</c> was
    /// asked (else null); a model without authorization details is NOT ASSESSED (exit 1) and a live read stopped with
    /// Ctrl-C exits 130.
    /// </summary>
    public int Answer(ParseResult result, AwsAccess? access, string? accountHint, Func<AccessModel, string, TextWriter, IPolicySimulator?, int> answer)
    {
        var (model, format) = Load(result, access, accountHint);
        if (model is null) return LiveCollection.CancelledExitCode;
        var output = result.InvocationConfiguration.Output;
        if (model.Gap is { } gap) return AccessOutput.NotAssessed(output, format, model.AccountId, $"{gap.Cause}: {gap}");
        if (!result.GetValue(_verify) || _target is not { } target) return answer(model, format, output, null);
        using var simulator = AwsPolicySimulator.Connect(target, access ?? AwsAccess.Default);
        return answer(model, format, output, simulator);
    }

    private static AccountInventory Pick(InventorySnapshot snapshot, string? account, string? hint)
    {
        var ids = string.Join(", ", snapshot.Accounts.Select(a => a.AccountId));
        if (account is not null)
            return snapshot.Accounts.FirstOrDefault(a => a.AccountId == account)
                ?? throw new UsageException($"the inventory holds no account {account} (it has {ids})");
        if (snapshot.Accounts.Count == 1) return snapshot.Accounts[0];
        if (hint is not null && snapshot.Accounts.FirstOrDefault(a => a.AccountId == hint) is { } hinted) return hinted;
        throw new UsageException(snapshot.Accounts.Count == 0 ? "the inventory holds no account" : $"the inventory holds several accounts ({ids}): choose one with --account");
    }
}

/// <summary>The access questions' arguments as the CLI takes them: <see cref="AccessArguments"/>, bad input exit 2.</summary>
internal static class AccessInput
{
    public static string Action(string text) => Checked(() => AccessArguments.Action(text));

    public static string Resource(string? text) => Checked(() => AccessArguments.Resource(text));

    public static string PrincipalArn(string text) => Checked(() => AccessArguments.PrincipalArn(text));

    public static IamEntity Find(AccessModel model, string arn) => Checked(() => AccessArguments.Find(model, arn));

    /// <summary>KEY=VALUE entries, checked by <see cref="AccessArguments.Context"/>.</summary>
    public static Dictionary<string, string> Context(IEnumerable<string> entries)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--context '{entry}': expected KEY=VALUE");
            pairs.Add(new(entry[..eq], entry[(eq + 1)..]));
        }
        return Checked(() => AccessArguments.Context(pairs), "--context ");
    }

    private static T Checked<T>(Func<T> read, string prefix = "")
    {
        try
        {
            return read();
        }
        catch (AccessArgumentException e)
        {
            throw new UsageException(prefix + e.Message);
        }
    }
}
