using System.CommandLine;
using CloudAudit.Checks;
using CloudAudit.Reports.Pages;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit explain CHECK_ID</c>: the check's page — what, why, causes, detection, fixes, compliance.</summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("check-id") { Description = "A check ID such as aws-cw-004" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the Markdown page (as in docs/checks)" };
        var command = new Command("explain", "Explain a check: what it verifies, why it matters and how to fix it") { id, markdown };
        command.SetAction(result =>
        {
            var checkId = result.GetValue(id)!;
            var check = CheckRegistry.Find(checkId) ?? throw new UsageException($"unknown check ID '{checkId}' (see `cloud-audit list-checks`)");
            result.InvocationConfiguration.Output.Write(result.GetValue(markdown) ? CheckPage.Markdown(check.Info) : CheckPage.PlainText(check.Info));
            return ExitCodes.Clean;
        });
        return command;
    }
}
