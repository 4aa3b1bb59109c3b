using System.CommandLine;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Graph;
using CloudAudit.Reports.AttackPaths;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit blast-radius --resource ID</c>: what an attacker who controls the resource reaches, step by step.</summary>
public static class BlastRadiusCommand
{
    public static Command Create()
    {
        var input = new AttackPathInput();
        var resource = new Option<string>("--resource") { Description = "The resource: its ARN, or an ID or name (i-0abc…, a role or bucket name)", Required = true };
        var format = new Option<string?>("--format", "-f") { Description = "tree (default), json (BlastRadiusGraph v1.0), mermaid or markdown" };
        var command = new Command("blast-radius", "What an attacker who controls a resource reaches, step by step (offline)") { resource, format };
        input.AddCapsTo(command);
        input.AddTo(command);
        command.SetAction(result =>
        {
            var chosen = AttackPathInput.Format(result, format, BlastRadiusWriter.Formats);
            var (maxDepth, maxNodes) = input.Caps(result);
            var scan = input.Load(result);
            var graph = scan.AttackPaths.Graph;
            var wanted = result.GetValue(resource)!;
            var seed = BlastRadiusAnalysis.Resolve(graph, wanted)
                ?? throw new UsageException($"no single resource '{wanted}' in the security graph; closest: {string.Join(", ", BlastRadiusAnalysis.Closest(graph, wanted))}");
            var radius = BlastRadiusAnalysis.From(new GraphView(graph), seed, maxDepth, maxNodes);
            input.Emit(result, output => BlastRadiusWriter.Write(chosen, radius, scan, output, VersionCommand.Version, DateTimeOffset.UtcNow));
            if (radius.Truncation is { } note && chosen != "tree" && chosen != "markdown")
                result.InvocationConfiguration.Error.WriteLine($"note: {note}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
