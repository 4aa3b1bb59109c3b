using Spectre.Console;

namespace CloudAudit.Cli.Output;

/// <summary>Consoles for the report (stdout) and for progress (stderr); colour only where the terminal and NO_COLOR allow.</summary>
public static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive && !noColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = noColor || !interactive ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
            console.Profile.Width = 160;
        return console;
    }

    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;
    public static bool StderrIsTerminal => !Console.IsErrorRedirected;
}
