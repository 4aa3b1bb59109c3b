using Spectre.Console;

namespace CloudAudit.Cli.Output;

/// <summary>Consoles for the report (stdout) and for progress (stderr); colour only where the terminal and NO_COLOR allow.</summary>
public static class Terminal
{
    /// <summary>Width of a report written to a pipe or file: COLUMNS when set, else wide enough for most ARNs.</summary>
    private const int PipedWidth = 160;

    public static IAnsiConsole For(TextWriter writer, bool interactive, bool noColorFlag = false)
    {
        var console = AnsiConsole.Create(Settings(writer, interactive, noColorFlag));
        if (!interactive)
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40 ? columns : PipedWidth;
        return console;
    }

    /// <summary>Colour and control codes only on a terminal, and never with --no-color or NO_COLOR.</summary>
    public static AnsiConsoleSettings Settings(TextWriter writer, bool interactive, bool noColorFlag)
    {
        var noColor = noColorFlag || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive && !noColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = noColor || !interactive ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        };
    }

    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;
    public static bool StderrIsTerminal => !Console.IsErrorRedirected;
}
