using System.CommandLine;
using System.Text.Json;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit policy simulate</c>: an offline counterpart of IAM's policy simulator.</summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Work with IAM policies offline");
        command.Subcommands.Add(CreateSimulate());
        return command;
    }

    static Command CreateSimulate()
    {
        Option<string[]> Files(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = false };
        Option<string?> File(string name, string description) => new(name) { Description = description };

        var identity = Files("--identity", "Identity-based policy file (repeatable)");
        var resourcePolicy = File("--resource-policy", "Resource-based policy file (a trust policy for sts:AssumeRole*)");
        var boundary = File("--boundary", "Permissions boundary policy file");
        // One occurrence is one level of the hierarchy; its comma-separated files are the policies attached at that level.
        var scp = new Option<string[]>("--scp", "--scp-level")
        {
            Description = "Service control policies of one level of the hierarchy, root first: FILE or FILE,FILE… (repeatable, one per level)",
            AllowMultipleArgumentsPerToken = false,
        };
        var rcp = new Option<string[]>("--rcp", "--rcp-level")
        {
            Description = "Resource control policies of one level, root first: FILE or FILE,FILE… (repeatable, one per level)",
            AllowMultipleArgumentsPerToken = false,
        };
        var session = File("--session-policy", "Session policy file");
        var principal = new Option<string>("--principal") { Description = "Caller: user, role, role-session or root ARN, account ID, or service principal", Required = true };
        var action = new Option<string>("--action") { Description = "Action, e.g. s3:GetObject", Required = true };
        var resource = new Option<string>("--resource") { Description = "Resource ARN", DefaultValueFactory = _ => "*" };
        var resourceAccount = new Option<string?>("--resource-account") { Description = "Account owning the resource when its ARN has none (S3)" };
        var context = new Option<string[]>("--context") { Description = "Context key: KEY=VALUE, multivalued keys as KEY=V1,V2 (repeatable)", AllowMultipleArgumentsPerToken = false };
        // Checked in the action: System.CommandLine's own message for this spans several lines.
        var format = new Option<string>("--format") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };

        var command = new Command("simulate", "Evaluate one request against policy files, as AWS would; exit 0 when allowed, 1 when denied")
        {
            identity, resourcePolicy, boundary, scp, rcp, session, principal, action, resource, resourceAccount, context, format,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(format) is not ("text" or "json"))
                throw new UsageException($"--format: unknown format '{result.GetValue(format)}' (expected text or json)");
            var actionName = ActionName.TryParse(result.GetValue(action)!, out var a) ? a! : throw new UsageException($"--action: '{result.GetValue(action)}' is not service:Action");
            var caller = Principal.TryParse(result.GetValue(principal)!, out var p) ? p! : throw new UsageException($"--principal: '{result.GetValue(principal)}' is not a principal ARN, account ID or service principal");
            var resourceKind = actionName.Service == "sts" && actionName.Name.StartsWith("AssumeRole", StringComparison.OrdinalIgnoreCase) ? PolicyKind.Trust : PolicyKind.Resource;
            var set = new PolicySet
            {
                Identity = [.. (result.GetValue(identity) ?? []).Select(f => Load(f, PolicyKind.Identity))],
                ResourcePolicy = Optional(result.GetValue(resourcePolicy), resourceKind),
                PermissionsBoundary = Optional(result.GetValue(boundary), PolicyKind.PermissionsBoundary),
                SessionPolicies = Optional(result.GetValue(session), PolicyKind.Session) is { } s ? [s] : [],
                ServiceControlPolicies = Levels(result.GetValue(scp), PolicyKind.ServiceControl),
                ResourceControlPolicies = Levels(result.GetValue(rcp), PolicyKind.ResourceControl),
            };
            var request = new AccessRequest(caller, actionName, result.GetValue(resource)!, ParseContext(result.GetValue(context) ?? []), result.GetValue(resourceAccount));
            var evaluation = PolicyEvaluator.Evaluate(set, request);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(format) == "json") WriteJson(output, evaluation);
            else WriteText(output, evaluation);
            return evaluation.IsAllowed ? ExitCodes.Clean : ExitCodes.Findings;
        });
        return command;
    }

    static PolicyDocument? Optional(string? path, PolicyKind kind) => path is null ? null : Load(path, kind);

    /// <summary>One level per occurrence, each with the policies its comma-separated files hold.</summary>
    static List<IReadOnlyList<PolicyDocument>> Levels(string[]? occurrences, PolicyKind kind) =>
    [
        .. (occurrences ?? []).Select(level => (IReadOnlyList<PolicyDocument>)[.. level.Split(',', StringSplitOptions.TrimEntries)
            .Select(file => file.Length > 0 ? Load(file, kind) : throw new UsageException($"--{(kind == PolicyKind.ServiceControl ? "scp" : "rcp")} '{level}': an empty file name"))]),
    ];

    static PolicyDocument Load(string path, PolicyKind kind)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        try
        {
            return PolicyDocument.Parse(text, kind, path);
        }
        catch (PolicyParseException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
    }

    /// <summary>KEY=VALUE entries, checked against the key's type in the catalogue; commas split only multivalued keys.</summary>
    internal static RequestContext ParseContext(IEnumerable<string> entries)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--context '{entry}': expected KEY=VALUE");
            var key = entry[..eq];
            var info = IamCatalog.Default.FindConditionKey(key);
            var raw = entry[(eq + 1)..];
            var parts = info?.IsMultivalued == true ? (raw.Length == 0 ? [] : raw.Split(',')) : [raw];
            foreach (var part in parts)
                if (info?.CheckValue(part) is { } expected)
                    throw new UsageException($"--context {key}: '{part}' is not {expected}");
            if (!values.TryGetValue(key, out var list)) values[key] = list = [];
            list.AddRange(parts);
        }
        var context = new RequestContext();
        foreach (var (key, list) in values) context.Set(key, [.. list]);
        return context;
    }

    static string DecisionText(Decision decision) => decision switch
    {
        Decision.Allowed => "allowed",
        Decision.ExplicitDeny => "explicit deny",
        _ => "implicit deny",
    };

    static void WriteText(TextWriter output, EvaluationResult result)
    {
        output.WriteLine($"decision: {DecisionText(result.Decision)}");
        output.WriteLine($"reason: {result.Reason}");
        if (result.MatchedStatements.Count == 0) return;
        output.WriteLine("matched statements:");
        foreach (var s in result.MatchedStatements) output.WriteLine($"  {s}");
    }

    static void WriteJson(TextWriter output, EvaluationResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("decision", DecisionText(result.Decision));
            json.WriteString("reason", result.Reason);
            json.WriteStartArray("matched_statements");
            foreach (var s in result.MatchedStatements)
            {
                json.WriteStartObject();
                json.WriteString("policy_kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(s.Kind.ToString()));
                json.WriteString("policy", s.PolicyName);
                json.WriteNumber("statement_index", s.StatementIndex);
                if (s.Sid is null) json.WriteNull("sid");
                else json.WriteString("sid", s.Sid);
                json.WriteString("effect", s.Effect.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
