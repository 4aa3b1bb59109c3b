using System.CommandLine;
using CloudAudit.Checks;
using CloudAudit.Reports.Pages;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit docs --output docs/checks</c>: regenerates the check pages and their index (for maintainers).</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder for the pages", Required = true };
        var command = new Command("docs", "Write a Markdown page per check and an index (maintainers)") { output };
        command.Hidden = true;
        command.SetAction(result =>
        {
            var folder = result.GetValue(output)!;
            var pages = Pages();
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder, "aws-*.md").Where(f => !pages.ContainsKey(Path.GetFileName(f))))
                File.Delete(stale);
            foreach (var (name, text) in pages)
                File.WriteAllText(Path.Combine(folder, name), text);
            result.InvocationConfiguration.Output.WriteLine($"wrote {pages.Count} pages to {folder}");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>File name → content of every generated page, index included.</summary>
    public static IReadOnlyDictionary<string, string> Pages()
    {
        var infos = CheckRegistry.All.Select(c => c.Info).ToList();
        var pages = infos.ToDictionary(i => $"{i.Id}.md", CheckPage.Markdown);
        pages["README.md"] = CheckIndex.Markdown(infos);
        return pages;
    }
}
