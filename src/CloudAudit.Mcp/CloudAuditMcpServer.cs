using System.Reflection;
using CloudAudit.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp;

/// <summary>
/// The <c>cloud-audit mcp</c> server: every tool over one session of scans, speaking MCP over stdio. Standard output
/// carries the protocol and nothing else; logs go to standard error.
/// </summary>
public static class CloudAuditMcpServer
{
    public const string Name = "cloud-audit";

    private const string Instructions =
        "cloud-audit is a read-only AWS security scanner. Start with scan_aws (a live account), scan_snapshot (a saved inventory) or "
        + "demo_scan (a demo organization); then read the results with get_health_score, get_findings, get_attack_chains and get_remediation. "
        + "list_checks and explain_check need no scan. No tool changes anything in AWS: fixes are commands for the user to review and run. "
        + "A check that is NOT ASSESSED or ERROR could not be decided (denied, throttled, not collected): never present it as passed. "
        + "Long lists come in pages: when page.next_cursor is set, call the same tool with cursor to get the rest.";

    /// <summary>The tools, in the order clients list them.</summary>
    public static IReadOnlyList<McpServerTool> Tools(IScanHost host, ScanSession session)
    {
        object[] providers =
        [
            new ScanTools(host, session),
            new FindingTools(session),
            new CatalogTools(),
            new AttackPathTools(session),
            new ComplianceTools(session),
            new HistoryTools(host),
            new AccessTools(session),
        ];
        var options = new McpServerToolCreateOptions { SerializerOptions = McpJson.Options };
        return [.. providers.SelectMany(p => p.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .Select(m => McpServerTool.Create(m, p, options)))];
    }

    public static McpServerOptions Options(IScanHost host, ScanSession session)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in Tools(host, session))
            tools.Add(tool);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = Name, Version = host.ToolVersion, Title = "cloud-audit: read-only AWS security scanner" },
            ServerInstructions = Instructions,
            ToolCollection = tools,
        };
        options.Filters.Request.CallToolFilters.Add(ArgumentCheck.Filter(tools));
        return options;
    }

    /// <summary>Serves one client over this process's stdin and stdout until it disconnects.</summary>
    public static async Task RunAsync(IScanHost host, Stream input, Stream output, ILoggerFactory logging, CancellationToken cancel)
    {
        var options = Options(host, new ScanSession());
        await using var transport = new StreamServerTransport(input, output, Name, logging);
        await using var server = McpServer.Create(transport, options, logging);
        await server.RunAsync(cancel).ConfigureAwait(false);
    }
}
