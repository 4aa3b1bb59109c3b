using System.CommandLine;
using CloudAudit.Analysis.Exposure;
using CloudAudit.Analysis.Graph;
using CloudAudit.Reports.AttackPaths;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit exposure</c>: resources ranked by reachability from the internet, administrator power and data value.</summary>
public static class ExposureCommand
{
    public static Command Create()
    {
        var input = new AttackPathInput();
        var limit = new Option<int>("--limit", "-n") { Description = "How many resources to list (default 20)", DefaultValueFactory = _ => 20 };
        var format = new Option<string?>("--format", "-f") { Description = "table (default) or json" };
        var command = new Command("exposure", "Rank resources by exposure: internet reachability, admin power, data value, with the reasons (offline)") { limit, format };
        input.AddTo(command);
        command.SetAction(result =>
        {
            var chosen = AttackPathInput.Format(result, format, ExposureWriter.Formats);
            if (result.GetValue(limit) < 1) throw new UsageException("--limit must be at least 1");
            var scan = input.Load(result);
            var ranked = ExposureRanking.Rank(new GraphView(scan.AttackPaths.Graph));
            input.Emit(result, output => ExposureWriter.Write(chosen, ranked, result.GetValue(limit), output));
            return ExitCodes.Clean;
        });
        return command;
    }
}
