using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Chains;
using CloudAudit.Reports.Markdown;

namespace CloudAudit.Reports.AttackPaths;

/// <summary>
/// Agent-blast results in the three formats of <c>agent-blast</c> (tree, JSON, Markdown). Markdown is also what the MCP
/// tool <c>get_agent_blast</c> returns.
/// </summary>
public static class AgentBlastWriter
{
    public const string SchemaVersion = "1";
    public static readonly string[] Formats = ["tree", "json", "markdown"];

    public static void Write(string format, IReadOnlyList<AgentBlastResult> results, TextWriter output)
    {
        switch (format)
        {
            case "json": output.WriteLine(Json(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true })); break;
            case "markdown": output.Write(Markdown(results)); break;
            default: output.Write(Tree(results)); break;
        }
    }

    public static JsonObject Json(IReadOnlyList<AgentBlastResult> results) => new()
    {
        ["schema_version"] = SchemaVersion,
        ["agents"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["agent"] = JsonSerializer.SerializeToNode(r.Agent, global::CloudAudit.Reports.Json.JsonReportContext.Default.AgentIdentity),
            ["headline"] = r.Headline,
            ["takes_account"] = r.TakesAccount,
            ["identity_takeover"] = new JsonArray([.. r.IdentityTakeover.Select(radius => (JsonNode)Radius(radius, null))]),
            ["behaviour_takeover"] = new JsonArray([.. r.BehaviourTakeover.Select(t => (JsonNode)(t.Radius is { } radius ? Radius(radius, t.Tool)
                : new JsonObject { ["tool"] = t.Tool.Name, ["kind"] = t.Tool.Kind, ["note"] = "acts with no AWS identity of the scanned accounts" }))]),
            ["reaches"] = new JsonArray([.. r.Reaches.Select(x => (JsonNode)new JsonObject
            {
                ["category"] = x.Category, ["target"] = x.Target.Id, ["label"] = x.Target.Label, ["via"] = x.Via, ["depth"] = x.Depth,
            })]),
            ["attack_chains"] = new JsonArray([.. r.Chains.Select(c => (JsonNode)c.ChainId)]),
            ["asi"] = new JsonArray([.. r.Asi.Select(a => (JsonNode)a)]),
            ["atlas"] = new JsonArray([.. r.Atlas.Select(a => (JsonNode)a)]),
            ["coverage_notes"] = new JsonArray([.. r.CoverageNotes.Select(n => (JsonNode)n)]),
        })]),
    };

    private static JsonObject Radius(BlastRadiusResult radius, AgentTool? tool)
    {
        var json = new JsonObject();
        if (tool is not null)
        {
            json["tool"] = tool.Name;
            json["kind"] = tool.Kind;
        }
        json["from"] = radius.Seed.Id;
        json["reached"] = new JsonArray([.. radius.Reached.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Node.Id, ["label"] = s.Node.Label, ["depth"] = s.Depth, ["move"] = BlastRadiusWriter.MoveLabel(s.Via!.Type), ["from"] = s.Via.Source,
        })]);
        json["account_takeover"] = radius.AccountsTaken.Any();
        if (radius.Truncation is { } note) json["truncated"] = note;
        return json;
    }

    public static string Tree(IReadOnlyList<AgentBlastResult> results)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Agent.Name}  [{r.Agent.Kind}, {r.Agent.Region}, account {r.Agent.AccountId}]");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {r.Headline}");
            foreach (var entry in r.Agent.EntryPoints) text.AppendLine(CultureInfo.InvariantCulture, $"  reached by {EntryText(entry)}");
            text.AppendLine("  Identity takeover (the agent's own credentials):");
            if (r.IdentityTakeover.Count == 0) text.AppendLine("    no role");
            foreach (var radius in r.IdentityTakeover) Branch(text, radius, $"runs as {radius.Seed.Label}");
            text.AppendLine("  Behaviour takeover (a prompt steers its tools):");
            if (r.BehaviourTakeover.Count == 0) text.AppendLine("    no tools");
            foreach (var tool in r.BehaviourTakeover)
            {
                if (tool.Radius is { } radius) Branch(text, radius, $"tool {tool.Tool.Name} ({tool.Tool.Kind})");
                else text.AppendLine(CultureInfo.InvariantCulture, $"    tool {tool.Tool.Name} ({tool.Tool.Kind}): {tool.Tool.Detail}");
            }
            if (r.Chains.Count > 0) text.AppendLine(CultureInfo.InvariantCulture, $"  Attack chains: {string.Join(", ", r.Chains.Select(c => $"{c.ChainId} {c.Name}"))}");
            if (r.Asi.Count + r.Atlas.Count > 0) text.AppendLine(CultureInfo.InvariantCulture, $"  Maps to: {string.Join("; ", r.Asi.Concat(r.Atlas))}");
            foreach (var note in r.CoverageNotes) text.AppendLine(CultureInfo.InvariantCulture, $"  note: {note}");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void Branch(StringBuilder text, BlastRadiusResult radius, string title)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"    {title}");
        foreach (var step in radius.Reached)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    {new string(' ', 2 * step.Depth)}{BlastRadiusWriter.MoveLabel(step.Via!.Type)} → {step.Node.Label}");
        if (radius.Truncation is { } note) text.AppendLine(CultureInfo.InvariantCulture, $"    ({note})");
    }

    public static string Markdown(IReadOnlyList<AgentBlastResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine("## Agent blast radius").AppendLine();
        if (results.Count == 0) md.AppendLine("No AI agents matched.");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {MarkdownText.Escape(r.Agent.Name)} ({r.Agent.Kind}, {r.Agent.Region})").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"**{MarkdownText.Escape(r.Headline)}**").AppendLine();
            foreach (var entry in r.Agent.EntryPoints) md.AppendLine(CultureInfo.InvariantCulture, $"- reached by {MarkdownText.Escape(EntryText(entry))}");
            if (r.Agent.EntryPoints.Count > 0) md.AppendLine();
            md.AppendLine("| threat model | via | reaches | account takeover |").AppendLine("| --- | --- | --- | --- |");
            foreach (var radius in r.IdentityTakeover)
                md.AppendLine(CultureInfo.InvariantCulture, $"| identity takeover | {MarkdownText.Escape(radius.Seed.Label)} | {Reached(radius)} | {(radius.AccountsTaken.Any() ? "yes" : "no")} |");
            foreach (var tool in r.BehaviourTakeover)
                md.AppendLine(tool.Radius is { } radius
                    ? $"| behaviour takeover | tool {MarkdownText.Escape(tool.Tool.Name)} | {Reached(radius)} | {(radius.AccountsTaken.Any() ? "yes" : "no")} |"
                    : $"| behaviour takeover | tool {MarkdownText.Escape(tool.Tool.Name)} | no AWS identity of the scanned accounts | no |");
            md.AppendLine();
            if (r.Chains.Count > 0) md.AppendLine(CultureInfo.InvariantCulture, $"Attack chains: {string.Join(", ", r.Chains.Select(c => $"{c.ChainId} {MarkdownText.Escape(c.Name)}"))}").AppendLine();
            if (r.Asi.Count + r.Atlas.Count > 0) md.AppendLine(CultureInfo.InvariantCulture, $"Maps to: {string.Join("; ", r.Asi.Concat(r.Atlas))}").AppendLine();
            foreach (var note in r.CoverageNotes) md.AppendLine(CultureInfo.InvariantCulture, $"- note: {MarkdownText.Escape(note)}");
            if (r.CoverageNotes.Count > 0) md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>One entry point in a line: who, how, and whether the internet gets there.</summary>
    private static string EntryText(AgentEntryPoint entry) => entry.Kind switch
    {
        AgentEntryPoint.Internet => $"the internet: {entry.Detail}",
        AgentEntryPoint.Principal => $"{entry.From}{(entry.InternetReachable ? " (from the internet)" : "")}: {entry.Detail}",
        _ => entry.Detail,
    };

    private static string Reached(BlastRadiusResult radius)
    {
        var names = radius.Reached.Select(s => s.Node.Label).ToList();
        return names.Count == 0 ? "nothing" : MarkdownText.Escape(string.Join(", ", names.Take(8)) + (names.Count > 8 ? $" and {names.Count - 8} more" : ""));
    }
}
