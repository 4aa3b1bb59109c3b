using Spectre.Console;

namespace CloudAudit.Reports.Console;

/// <summary>
/// One line of the summary report: styled pieces of scanned text that are shortened with an ellipsis to the
/// terminal's width rather than wrapped, so one line stays one line and no ARN is ever broken across two.
/// </summary>
internal sealed class ConsoleLine
{
    private const string Ellipsis = "…";
    private readonly List<(string Text, string? Style)> parts = [];

    public static ConsoleLine Blank => new();

    public ConsoleLine Add(string text, string? style = null)
    {
        parts.Add((ConsoleReportWriter.Visible(text), style));
        return this;
    }

    public string Plain => string.Concat(parts.Select(p => p.Text));

    /// <summary>Spectre markup of the line, cut to <paramref name="width"/> cells with an ellipsis.</summary>
    public string ToMarkup(int width)
    {
        var markup = new System.Text.StringBuilder();
        var fits = Plain.GetCellWidth() <= width;
        var room = fits ? width : width - 1;
        foreach (var (text, style) in parts)
        {
            var shown = Cut(text, room);
            room -= shown.GetCellWidth();
            if (shown.Length > 0)
                markup.Append(style is null ? Markup.Escape(shown) : $"[{style}]{Markup.Escape(shown)}[/]");
            if (shown.Length < text.Length) break;
        }
        return fits ? markup.ToString() : markup.Append(Ellipsis).ToString();
    }

    /// <summary>The longest start of <paramref name="text"/> that fits <paramref name="room"/> cells.</summary>
    private static string Cut(string text, int room)
    {
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            used += text[i].GetCellWidth();
            if (used > room) return text[..i];
        }
        return text;
    }

    /// <summary>
    /// Items packed into as few lines as fit <paramref name="width"/>, separated by ", ", after an indent; an item is
    /// never split (one longer than a line is shortened on a line of its own).
    /// </summary>
    public static IReadOnlyList<ConsoleLine> Packed(IEnumerable<string> items, int width, string indent, string? style = null)
    {
        var lines = new List<ConsoleLine>();
        var current = new System.Text.StringBuilder();
        foreach (var item in items)
        {
            var piece = current.Length == 0 ? item : ", " + item;
            if (current.Length > 0 && (indent + current + piece + ",").GetCellWidth() > width)
            {
                lines.Add(new ConsoleLine().Add(indent).Add(current + ",", style));
                current.Clear();
                piece = item;
            }
            current.Append(piece);
        }
        if (current.Length > 0) lines.Add(new ConsoleLine().Add(indent).Add(current.ToString(), style));
        return lines;
    }
}
