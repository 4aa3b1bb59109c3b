using System.CommandLine;
using CloudAudit.Analysis.Simulation;
using CloudAudit.Checks;
using CloudAudit.Reports.AttackPaths;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit simulate --fix IDS</c>: offline what-if of fixing every finding of some checks.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var input = new AttackPathInput();
        var fix = new Option<string[]>("--fix") { Description = "Check IDs to take as fixed (comma-separated)", Required = true, Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "table (default) or json" };
        var command = new Command("simulate", "What if these checks were fixed: score, chains, findings and risk before and after (offline)") { fix, format };
        input.AddTo(command);
        command.SetAction(result =>
        {
            var chosen = AttackPathInput.Format(result, format, SimulationWriter.Formats);
            var ids = result.GetValue(fix)!.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var unknown = ids.Where(id => CheckRegistry.Find(id) is null).ToList();
            if (unknown.Count > 0)
                throw new UsageException($"unknown check ID{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)} (see `cloud-audit list-checks`)");
            if (ids.Count == 0) throw new UsageException("--fix needs at least one check ID");
            var scan = input.Load(result);
            var simulated = WhatIf.Simulate(scan.AttackPaths, scan.Active, [.. ids.Select(id => CheckRegistry.Find(id)!.Info.Id)], scan.FixOf);
            input.Emit(result, output => SimulationWriter.Write(chosen, simulated, output));
            return ExitCodes.Clean;
        });
        return command;
    }
}
