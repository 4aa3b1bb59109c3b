using System.CommandLine;
using CloudAudit.Mcp;
using Microsoft.Extensions.Logging;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit mcp</c>: the scanner as an MCP server over stdio, started by an AI assistant's client. Standard
/// output carries the protocol only (anything else written to the console goes to standard error, with the logs).
/// </summary>
public static class McpCommand
{
    public static Command Create(AwsAccess? access = null)
    {
        var config = new Option<string?>("--config") { Description = "Config file for every scan (default: ./.cloud-audit.yml when present, as for scan)" };
        var history = new HistoryOptions();
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record the scans of scan_aws and scan_snapshot in the history" };
        var live = new LiveOptions();
        var logLevel = new Option<string>("--log-level") { Description = "Logs on stderr: trace, debug, information, warning, error or none", DefaultValueFactory = _ => "warning" };
        var command = new Command("mcp", "Serve cloud-audit to AI assistants over the Model Context Protocol (stdio; read-only)")
        {
            config, noHistory, logLevel,
        };
        history.AddTo(command);
        command.Options.Add(live.Profile);
        command.Options.Add(live.RoleArn);
        command.Options.Add(live.ExternalId);
        command.Options.Add(live.EndpointUrl);
        command.SetAction(async (result, cancel) =>
        {
            var level = Enum.TryParse<LogLevel>(result.GetValue(logLevel) == "none" ? "None" : result.GetValue(logLevel), ignoreCase: true, out var parsed)
                ? parsed : throw new UsageException($"unknown --log-level '{result.GetValue(logLevel)}'; use trace, debug, information, warning, error or none");
            var flags = new McpServerFlags(result.GetValue(config), result.GetValue(history.History), result.GetValue(history.Store), result.GetValue(noHistory),
                result.GetValue(live.Profile), result.GetValue(live.RoleArn), result.GetValue(live.ExternalId), result.GetValue(live.EndpointUrl));
            var stderr = result.InvocationConfiguration.Error;
            // The protocol owns stdout: whatever else writes to the console lands on stderr.
            var protocolOut = Console.OpenStandardOutput();
            Console.SetOut(stderr);
            using var logging = LoggerFactory.Create(builder => builder
                .SetMinimumLevel(level)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            var host = new McpScanHost(flags, (access ?? AwsAccess.Default) with { MfaPrompt = null }, stderr);
            await CloudAuditMcpServer.RunAsync(host, Console.OpenStandardInput(), protocolOut, logging, cancel);
            return ExitCodes.Clean;
        });
        return command;
    }
}
