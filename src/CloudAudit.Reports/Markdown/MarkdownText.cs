using System.Text;

namespace CloudAudit.Reports.Markdown;

/// <summary>
/// Makes scanned text (resource names, tags, descriptions) inert in GitHub-flavoured Markdown: one line,
/// every character with Markdown or HTML meaning backslash-escaped (CommonMark lets any ASCII punctuation
/// be escaped, so links, images, emphasis, code, raw HTML, entities and table pipes all render as text),
/// and a zero-width space after <c>@</c>, in <c>://</c> and in <c>www.</c> so GitHub neither mentions a
/// user nor turns a planted URL into a link.
/// </summary>
public static class MarkdownText
{
    private const char ZeroWidthSpace = '\u200B';
    private const string Escaped = "\\`*_{}[]()#+-.!|<>~&$";

    /// <summary>Escapes <paramref name="value"/>, cut to <paramref name="maxLength"/> characters first so no single value can fill a comment.</summary>
    public static string Escape(string value, int maxLength = 1000)
    {
        if (value.Length > maxLength)
            value = value[..(char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength)] + "…";
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                text.Append(' ');
                continue;
            }
            if (c == '@')
            {
                text.Append('@').Append(ZeroWidthSpace);
                continue;
            }
            if (Escaped.Contains(c, StringComparison.Ordinal))
                text.Append('\\');
            text.Append(c);
            if (c == ':' && Following(value, i, "//")) text.Append(ZeroWidthSpace);
            if ((c is 'w' or 'W') && Following(value, i, "ww.")) text.Append(ZeroWidthSpace);
        }
        return text.ToString();
    }

    private static bool Following(string value, int index, string next) =>
        index >= 0 && index + 1 + next.Length <= value.Length
        && string.Compare(value, index + 1, next, 0, next.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
