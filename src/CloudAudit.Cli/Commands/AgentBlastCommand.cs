using System.CommandLine;
using CloudAudit.Analysis.Agents;
using CloudAudit.Reports.AttackPaths;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit agent-blast [--agent NAME]</c>: what a hijacked AI agent reaches, by its identity and through its tools.</summary>
public static class AgentBlastCommand
{
    public static Command Create()
    {
        var input = new AttackPathInput();
        var agent = new Option<string?>("--agent", "-a") { Description = "The agent: part of its name, ID or ARN (default: every agent)" };
        var format = new Option<string?>("--format", "-f") { Description = "tree (default), json or markdown" };
        var command = new Command("agent-blast", "What a hijacked AI agent (Bedrock agent, AgentCore runtime, gateway, code interpreter) reaches (offline)") { agent, format };
        input.AddCapsTo(command);
        input.AddTo(command);
        command.SetAction(result =>
        {
            var chosen = AttackPathInput.Format(result, format, AgentBlastWriter.Formats);
            var (maxDepth, maxNodes) = input.Caps(result);
            var scan = input.Load(result, ReportSection.Agents);
            var agents = scan.AttackPaths.Agents;
            var wanted = result.GetValue(agent);
            if (agents.Count == 0)
            {
                // As the reference tool: exit 1 says the scan found nothing to analyse (a report without agents data is exit 2, above).
                result.InvocationConfiguration.Error.WriteLine("no AI agents in this scan (Bedrock agents, AgentCore runtimes, gateways, code interpreters)");
                return ExitCodes.Findings;
            }
            var results = AgentBlast.Analyze(scan.AttackPaths, wanted, maxDepth, maxNodes);
            if (results.Count == 0)
                throw new UsageException($"no agent matches '{wanted}'; agents: {string.Join(", ", agents.Select(a => a.Name).Distinct().Take(10))}");
            input.Emit(result, output => AgentBlastWriter.Write(chosen, results, output));
            return ExitCodes.Clean;
        });
        return command;
    }
}
