using CloudAudit.Cli.Output;
using Spectre.Console;

namespace CloudAudit.Cli.Tests;

/// <summary>Colour reaches a terminal only when neither --no-color nor NO_COLOR says otherwise; pipes get plain text.</summary>
public class TerminalTests
{
    [Fact]
    public void A_terminal_gets_colour_unless_told_not_to()
    {
        var noColorSet = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var terminal = Terminal.Settings(TextWriter.Null, interactive: true, noColorFlag: false);
        Assert.Equal(noColorSet ? AnsiSupport.No : AnsiSupport.Detect, terminal.Ansi);
        Assert.Equal(noColorSet ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect, terminal.ColorSystem);

        var flagged = Terminal.Settings(TextWriter.Null, interactive: true, noColorFlag: true);
        Assert.Equal(AnsiSupport.No, flagged.Ansi);
        Assert.Equal(ColorSystemSupport.NoColors, flagged.ColorSystem);
    }

    [Fact]
    public void A_pipe_gets_no_control_codes()
    {
        var piped = Terminal.Settings(TextWriter.Null, interactive: false, noColorFlag: false);
        Assert.Equal(AnsiSupport.No, piped.Ansi);
        Assert.Equal(ColorSystemSupport.NoColors, piped.ColorSystem);
        var text = new StringWriter();
        Terminal.For(text, interactive: false).Markup("[red]denied[/]");
        Assert.Equal("denied", text.ToString());
    }
}
