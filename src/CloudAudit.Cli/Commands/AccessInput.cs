using System.CommandLine;
using System.Text.RegularExpressions;
using CloudAudit.Access;
using CloudAudit.Access.Principals;
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

/// <summary>The arguments of <c>access</c> questions, validated before any work; a bad one names the closest valid names.</summary>
internal static partial class AccessInput
{
    /// <summary>A catalogue action, spelled as the catalogue does (s3:getobject becomes s3:GetObject).</summary>
    public static string Action(string text)
    {
        if (IamCatalog.Default.FindAction(text.Trim()) is { } known) return known.FullName;
        if (text.Contains('*') || text.Contains('?'))
            throw new UsageException($"'{text}' is a pattern: ask about one action, e.g. s3:GetObject");
        var colon = text.IndexOf(':');
        var service = colon > 0 ? IamCatalog.Default.FindService(text[..colon]) : null;
        if (service is null)
        {
            var prefixes = IamCatalog.Default.Services.Select(s => s.Prefix);
            var guess = colon > 0 ? text[..colon] : text;
            throw new UsageException($"unknown action '{text}': no service '{guess}' (closest: {Closest(guess, prefixes)})");
        }
        throw new UsageException($"unknown action '{text}' (closest: {Closest(text, service.Actions.Select(a => a.FullName))})");
    }

    /// <summary>A resource ARN, or * for every resource.</summary>
    public static string Resource(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "*") return "*";
        return Arn.TryParse(text, out var arn) && arn.Service.Length > 0 && arn.Resource.Length > 0 ? text
            : throw new UsageException($"invalid resource ARN '{text}' (expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. arn:aws:s3:::my-bucket/key)");
    }

    /// <summary>A user or role ARN; an assumed-role session ARN stands for its role.</summary>
    public static string PrincipalArn(string text)
    {
        if (AssumedRole().Match(text) is { Success: true } session)
            return $"arn:{session.Groups["partition"].Value}:iam::{session.Groups["account"].Value}:role/{session.Groups["role"].Value}";
        return IamPrincipal().IsMatch(text) ? text
            : throw new UsageException($"invalid principal ARN '{text}' (expected arn:aws:iam::123456789012:user/NAME or :role/NAME)");
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
        throw new UsageException(known.Count == 0
            ? $"unknown principal '{arn}': account {model.AccountId} has no users or roles in this inventory"
            : $"unknown principal '{arn}' in account {model.AccountId} (closest: {Closest(arn, known)})");
    }

    /// <summary>KEY=VALUE entries, each value checked against the key's type in the catalogue.</summary>
    public static Dictionary<string, string> Context(IEnumerable<string> entries)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--context '{entry}': expected KEY=VALUE");
            var (key, value) = (entry[..eq], entry[(eq + 1)..]);
            if (IamCatalog.Default.FindConditionKey(key)?.CheckValue(value) is { } expected)
                throw new UsageException($"--context {key}: '{value}' is not {expected}");
            values[key] = value;
        }
        return values;
    }

    /// <summary>The three candidates nearest to <paramref name="text"/> by edit distance, ignoring case.</summary>
    internal static string Closest(string text, IEnumerable<string> candidates) =>
        string.Join(", ", candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: EditDistance(text.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).Take(3).Select(c => c.Name));

    internal static int EditDistance(string a, string b)
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
