using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Analysis;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Markdown;

namespace CloudAudit.Reports.AttackPaths;

/// <summary>A blast radius in the four formats of <c>blast-radius</c>: tree, JSON (BlastRadiusGraph v1.0), Mermaid, Markdown.</summary>
public static class BlastRadiusWriter
{
    public const string ContractVersion = "1.0";
    public static readonly string[] Formats = ["tree", "json", "mermaid", "markdown"];

    public static void Write(string format, BlastRadiusResult result, AnalyzedScan scan, TextWriter output, string toolVersion, DateTimeOffset now)
    {
        var document = Document(result, scan, toolVersion, now);
        switch (format)
        {
            case "json":
                var options = new JsonSerializerOptions(BlastRadiusContext.Default.Options) { Encoder = JavaScriptEncoder.Default };
                output.WriteLine(JsonSerializer.Serialize(document, new BlastRadiusContext(options).BlastRadiusDocument));
                break;
            case "mermaid": output.Write(Mermaid(document)); break;
            case "markdown": output.Write(MarkdownOf(document)); break;
            default: output.Write(Tree(result, document)); break;
        }
    }

    public static BlastRadiusDocument Document(BlastRadiusResult result, AnalyzedScan scan, string toolVersion, DateTimeOffset now)
    {
        var view = new GraphView(scan.AttackPaths.Graph);
        var seed = result.Seed;
        var edgeIds = new Dictionary<GraphEdge, string>();
        foreach (var step in result.Reached) edgeIds[step.Via!] = $"e{edgeIds.Count + 1}";
        var nodes = result.Steps.Select(s => Node(view, s, s.Node.Id == seed.Id)).ToList();
        var edges = result.Reached.Select(s => new BlastEdge(edgeIds[s.Via!], s.Via!.Source, s.Via.Target, MoveLabel(s.Via.Type), s.Depth,
            EdgeKind(s.Via.Type), Reach.Grants(view, s.Via))).ToList();
        var narrative = result.Reached.GroupBy(s => s.Depth).Select(g => new BlastNarrative(g.Key, StepTitle(g.Key, g.ToList()),
            string.Join(" ", g.Select(s => $"{view.Graph.Node(s.Via!.Source).Label} {MoveLabel(s.Via.Type)} {s.Node.Label} ({Reach.Grants(view, s.Via)}).")),
            [.. g.Select(s => s.Node.Id)], [.. g.Select(s => edgeIds[s.Via!])])).ToList();
        var (fixes, detects) = FixesAndDetections(view, result, scan);
        var leaves = result.Steps.Count(s => !result.Reached.Any(r => r.Via!.Source == s.Node.Id));
        return new BlastRadiusDocument(ContractVersion, now, new BlastGenerator("cloud-audit", toolVersion),
            new BlastSource("live-scan", seed.AccountId, seed.Region, seed.Id),
            new BlastSummary(Headline(result), null, Stats(result), result.Steps.Count - 1, result.Steps.Count == 1 ? 0 : leaves, RiskScore(view, result)),
            new BlastGraph(nodes, edges), narrative, fixes, detects, result.Truncation);
    }

    public static string Headline(BlastRadiusResult result)
    {
        var seed = result.Seed.Label;
        if (result.AccountsTaken.FirstOrDefault() is { } account)
            return $"Account takeover: whoever controls {seed} becomes administrator of {account.Label}";
        var data = result.Data.Count();
        var principals = result.Principals.Count();
        return result.Steps.Count == 1
            ? $"{seed} opens no onward move: its blast radius is itself"
            : $"Whoever controls {seed} reaches {result.Steps.Count - 1} resource{Plural(result.Steps.Count - 1)}: {principals} identit{(principals == 1 ? "y" : "ies")}, {data} data store{Plural(data)}";
    }

    private static IReadOnlyList<BlastStat> Stats(BlastRadiusResult result) =>
    [
        new(Text(result.Steps.Count - 1), "resources reached", false),
        new(Text(result.Principals.Count()), "identities", false),
        new(Text(result.Data.Count()), "data stores", result.Data.Any()),
        new(result.AccountsTaken.Any() ? "yes" : "no", "account takeover", result.AccountsTaken.Any()),
    ];

    /// <summary>The reference's heuristic: +50 account takeover, +20 a powerful identity, +20 data, +1 per further resource (up to 10).</summary>
    private static int RiskScore(GraphView view, BlastRadiusResult result)
    {
        var score = result.AccountsTaken.Any() ? 50 : 0;
        if (result.Principals.Any(p => view.Admin(p) is not null || view.Out(p, EdgeType.CanEscalateTo).Any())) score += 20;
        if (result.Data.Any()) score += 20;
        return Math.Min(100, score + Math.Min(10, Math.Max(0, result.Steps.Count - 2)));
    }

    private static BlastNode Node(GraphView view, BlastStep step, bool seed)
    {
        var node = step.Node;
        var (title, description) = seed ? ("Foothold", $"The attacker controls {node.Label}.") : Action(view, step);
        var highValue = AttackerMoves.IsData(node.Type) || node.Type == NodeType.Account || view.Admin(node) is not null;
        return new BlastNode(node.Id, TypeName(node.Type), node.Label, Steps.Of(node, "").Sub, seed ? "compromised" : Status(step), highValue,
            step.Depth, title, description, node.Id.StartsWith("arn:", StringComparison.Ordinal) ? node.Id : null, [TypeName(node.Type), node.Region]);
    }

    private static string Status(BlastStep step) => step.Node.Type switch
    {
        NodeType.Internet or NodeType.AnyPrincipal or NodeType.ExternalAccount => "external",
        _ => step.Via!.Type switch
        {
            EdgeType.AdminOf or EdgeType.CanWrite or EdgeType.CanDecrypt or EdgeType.KnowledgeBase => "exploited",
            EdgeType.CanRead when step.Node.Type is NodeType.Secret or NodeType.SsmParameter => "stolen",
            EdgeType.CanRead => "exfiltrated",
            _ => "compromised",
        },
    };

    private static (string Title, string Description) Action(GraphView view, BlastStep step)
    {
        var from = view.Graph.Node(step.Via!.Source).Label;
        var to = step.Node.Label;
        return step.Via.Type switch
        {
            EdgeType.ReachableFromInternet => ("Reach the entry point", $"Anyone on the internet can send traffic or requests to {to}."),
            EdgeType.RunsAs => ("Take the role's credentials", $"Code running on {from} gets temporary credentials of {to} from its metadata or runtime environment."),
            EdgeType.RunsTask => ("Run in the task", $"{from} runs the containers of {to}."),
            EdgeType.CanAssume => ("Assume the role", $"{from} calls sts:AssumeRole and gets credentials of {to}."),
            EdgeType.CanEscalateTo => ("Escalate privileges", $"{from} uses its permissions to become or empower {to}."),
            EdgeType.AdminOf => ("Take over the account", $"{from} may do every action on every resource of {to}."),
            EdgeType.CanRead => ("Read the data", $"{from} may read {to}."),
            EdgeType.CanWrite => ("Change the data", $"{from} may write to {to}."),
            EdgeType.CanDecrypt => ("Decrypt with the key", $"{from} may decrypt whatever {to} protects."),
            EdgeType.CanControl => ("Run code on the workload", $"{from} may run its own commands or code on {to}, and act with its role."),
            EdgeType.UsesTool => ("Steer the agent's tool", $"{from} calls {to}: whoever steers the agent steers the tool."),
            EdgeType.KnowledgeBase => ("Poison or read the knowledge base", $"{from} retrieves from {to}."),
            EdgeType.ForwardsTo => ("Call the function through the API", $"{from} passes requests that need no credentials to {to}."),
            EdgeType.CanInvoke => ("Prompt the agent", $"{from} may invoke {to}: whatever it sends, the agent acts on with its own role and tools."),
            _ => ("Move on", $"{from} → {to}."),
        };
    }

    public static string MoveLabel(EdgeType type) => type switch
    {
        EdgeType.ReachableFromInternet => "reaches",
        EdgeType.RunsAs => "runs as",
        EdgeType.RunsTask => "runs task",
        EdgeType.CanAssume => "can assume",
        EdgeType.CanEscalateTo => "can escalate to",
        EdgeType.AdminOf => "is administrator of",
        EdgeType.CanRead => "can read",
        EdgeType.CanWrite => "can write",
        EdgeType.CanDecrypt => "can decrypt with",
        EdgeType.CanControl => "can run code on",
        EdgeType.UsesTool => "uses tool",
        EdgeType.KnowledgeBase => "retrieves from",
        EdgeType.CanInvoke => "can invoke",
        EdgeType.ForwardsTo => "forwards to",
        _ => type.ToString(),
    };

    private static string EdgeKind(EdgeType type) => type switch
    {
        EdgeType.ReachableFromInternet or EdgeType.NetworkAttach or EdgeType.ForwardsTo => "network",
        EdgeType.CanRead or EdgeType.CanWrite or EdgeType.CanDecrypt or EdgeType.KnowledgeBase => "data",
        EdgeType.CanEscalateTo or EdgeType.CanControl or EdgeType.CanInvoke => "exploit",
        _ => "iam",
    };

    private static string StepTitle(int depth, IReadOnlyList<BlastStep> steps) =>
        $"Step {depth}: {string.Join(", ", steps.Select(s => MoveLabel(s.Via!.Type)).Distinct().Take(3))}";

    /// <summary>
    /// The fixes of the findings on the path (its resources and the grants of its moves), those that cut a move first;
    /// breaks_chain when the remediation plan says fixing the check breaks a chain through these resources.
    /// </summary>
    private static (IReadOnlyList<BlastFix>, IReadOnlyList<BlastDetection>) FixesAndDetections(GraphView view, BlastRadiusResult result, AnalyzedScan scan)
    {
        var onMoves = result.Reached.SelectMany(s => view.Findings(s.Via!)).ToList();
        var onNodes = result.Steps.SelectMany(s => view.Findings(s.Node)).ToList();
        var reached = result.Steps.Select(s => s.Node.Id).ToHashSet(StringComparer.Ordinal);
        var chainsHere = scan.AttackPaths.Chains.Where(c => c.Resources.Any(reached.Contains)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var found = onMoves.Concat(onNodes).ToList();
        var checks = found.Select(f => f.CheckId).Distinct(StringComparer.Ordinal).ToList();
        var fixes = checks.Select(check =>
        {
            // The fix of a finding on this path, with its resource's IDs: the check's first finding may be on a
            // resource (or in an account) the path never touches, and its command would change that one instead.
            var here = found.Where(f => f.CheckId == check).Select(f => scan.RemediationOf(f.Fingerprint)).FirstOrDefault(r => r is not null);
            var cause = scan.AttackPaths.RootCauses.FirstOrDefault(r => r.CheckId == check);
            return new BlastFix(check, cause?.FixTitle ?? CheckRegistry.Find(check)?.Info.Recommendation ?? $"Fix the findings of {check}",
                cause?.ChainKeys.Any(chainsHere.Contains) == true, (here?.Effort ?? scan.FixOf(check)?.Effort ?? Effort.Medium).Lower(),
                here?.Cli, here?.Terraform, here?.DocUrl);
        }).ToList();
        var detects = onMoves.Concat(onNodes).DistinctBy(f => f.CheckId).OrderBy(f => f.Severity).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .Select(f => new BlastDetection(f.CheckId, CheckRegistry.Find(f.CheckId)?.Info.Title ?? f.CheckId, f.Severity.Lower())).ToList();
        return (fixes, detects);
    }

    private static string Tree(BlastRadiusResult result, BlastRadiusDocument document)
    {
        var text = new StringBuilder();
        var seed = result.Seed;
        text.AppendLine(CultureInfo.InvariantCulture, $"Blast radius of {seed.Label} ({Steps.Of(seed, "").Sub}), account {seed.AccountId}");
        text.AppendLine(document.Summary.Headline);
        text.AppendLine();
        var children = result.Reached.ToLookup(s => s.Via!.Source, StringComparer.Ordinal);
        text.AppendLine(CultureInfo.InvariantCulture, $"{seed.Label}  [{Steps.Of(seed, "").Sub}]");
        void Walk(string id, string indent)
        {
            var kids = children[id].ToList();
            for (var i = 0; i < kids.Count; i++)
            {
                var last = i == kids.Count - 1;
                var kid = kids[i];
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{indent}{(last ? "└── " : "├── ")}{MoveLabel(kid.Via!.Type)} → {kid.Node.Label}  [{Steps.Of(kid.Node, "").Sub}]");
                Walk(kid.Node.Id, indent + (last ? "    " : "│   "));
            }
        }
        Walk(seed.Id, "");
        if (document.Fixes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Fixes on this path:");
            foreach (var fix in document.Fixes)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {fix.Id}  {fix.Title} (effort {fix.Effort}){(fix.BreaksChain ? ", breaks an attack chain" : "")}");
        }
        if (document.Truncated is { } truncated)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Note: {truncated}.");
        }
        return text.ToString();
    }

    private static string Mermaid(BlastRadiusDocument document)
    {
        var ids = document.Graph.Nodes.Select((n, i) => (n.Id, Key: $"n{i}")).ToDictionary(x => x.Id, x => x.Key, StringComparer.Ordinal);
        var text = new StringBuilder("graph TD\n");
        foreach (var node in document.Graph.Nodes)
            text.Append(CultureInfo.InvariantCulture, $"    {ids[node.Id]}[\"{MermaidText(node.Label)}<br/>{MermaidText(node.Sub)}\"]\n");
        foreach (var edge in document.Graph.Edges)
            text.Append(CultureInfo.InvariantCulture, $"    {ids[edge.Source]} -->|\"{MermaidText(edge.Label)}\"| {ids[edge.Target]}\n");
        foreach (var node in document.Graph.Nodes.Where(n => n.Status is "exploited" or "stolen" or "exfiltrated"))
            text.Append(CultureInfo.InvariantCulture, $"    style {ids[node.Id]} stroke:#c0392b,stroke-width:2px\n");
        return text.ToString();
    }

    /// <summary>Resource names are scanned text: every character Mermaid or HTML could read as syntax becomes an entity.</summary>
    private static string MermaidText(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
            text.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ',' or '/' or ':' ? c.ToString() : $"#{(int)c};");
        return text.ToString();
    }

    private static string MarkdownOf(BlastRadiusDocument document)
    {
        string E(string s) => MarkdownText.Escape(s);
        var text = new StringBuilder();
        var seed = document.Graph.Nodes[0];
        text.AppendLine(CultureInfo.InvariantCulture, $"# Blast radius: {E(seed.Label)}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{E(document.Summary.Headline)}** (risk score {document.Summary.RiskScore}/100)");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("| --- | --- |");
        foreach (var stat in document.Summary.Stats)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {E(stat.Label)} | {E(stat.Value)} |");
        if (document.Graph.Edges.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Steps");
            text.AppendLine();
            text.AppendLine("| step | from | move | to | evidence |");
            text.AppendLine("| --- | --- | --- | --- | --- |");
            var labels = document.Graph.Nodes.ToDictionary(n => n.Id, n => n.Label, StringComparer.Ordinal);
            foreach (var edge in document.Graph.Edges)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {edge.Step} | {E(labels[edge.Source])} | {E(edge.Label)} | {E(labels[edge.Target])} | {E(edge.Evidence)} |");
        }
        if (document.Fixes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Fixes");
            text.AppendLine();
            text.AppendLine("| check | fix | effort | breaks a chain |");
            text.AppendLine("| --- | --- | --- | --- |");
            foreach (var fix in document.Fixes)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {E(fix.Id)} | {E(fix.Title)} | {fix.Effort} | {(fix.BreaksChain ? "yes" : "no")} |");
        }
        if (document.Truncated is { } truncated)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"_{E(truncated)}._");
        }
        return text.ToString();
    }

    /// <summary>A node type as the security graph's JSON names it (ec2, iam_role, s3_bucket …).</summary>
    public static string TypeName(NodeType type) =>
        typeof(NodeType).GetField(type.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? type.ToString();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int count) => count == 1 ? "" : "s";
}
