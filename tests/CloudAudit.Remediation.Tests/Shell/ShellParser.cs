using System.Text;
using System.Text.RegularExpressions;

namespace CloudAudit.Remediation.Tests.Shell;

/// <summary>One shell word after quote removal. <see cref="IsPlaceholder"/>: the whole word is a &lt;PLACEHOLDER&gt;.</summary>
public sealed partial record ShellWord(string Value)
{
    public bool IsPlaceholder => PlaceholderPattern().IsMatch(Value);

    [GeneratedRegex("^<[A-Z][A-Z0-9_]*>$")]
    private static partial Regex PlaceholderPattern();

    public override string ToString() => Value;
}

/// <summary>
/// A simple command: its words, the line it starts on (1-based), and the file its standard output is
/// written to (<c>&gt; FILE</c>), if any.
/// </summary>
public sealed record ShellCommand(int Line, IReadOnlyList<ShellWord> Words, string? Output = null);

/// <summary>A parsed snippet: its simple commands, or why it is not the plain shell a fix may use.</summary>
public sealed record ShellScript(IReadOnlyList<ShellCommand> Commands, IReadOnlyList<string> Errors);

/// <summary>
/// Splits a snippet into commands and words the way a POSIX shell does, for the subset a paste-able fix
/// may use: comments, backslash line continuations, single and double quotes, backslash escapes, and
/// commands separated by newlines, ";", "&amp;&amp;" or "||", and a command's standard output written to a
/// file of the current folder (<c>&gt; FILE</c> at the end of the command). Anything else the shell would
/// expand or redirect (variables, command substitution, globs, braces, tilde, other redirections, history
/// "!") is an error unless quoted, so the words are exactly what the shell passes to the command. A whole
/// unquoted <c>&lt;NAME&gt;</c> word is a placeholder, not a redirection.
/// </summary>
public static partial class ShellParser
{
    /// <summary>Characters a shell takes literally outside quotes (the renderer leaves these bare, too).</summary>
    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "_./:@%+=,-".Contains(c);

    [GeneratedRegex(@"\G<[A-Z][A-Z0-9_]*>(?=$|[ \t\n;&|])")]
    private static partial Regex PlaceholderAt();

    /// <summary>"&gt; FILE" before the end of a command: a plain file name of the current folder.</summary>
    [GeneratedRegex(@"\G>[ \t]*([A-Za-z0-9_][A-Za-z0-9_.-]*)(?=[ \t]*(?:$|\n|;|&&|\|\|)|[ \t]+#)")]
    private static partial Regex OutputAt();

    public static ShellScript Parse(string script)
    {
        var commands = new List<ShellCommand>();
        var errors = new List<string>();
        var words = new List<ShellWord>();
        var word = new StringBuilder();
        var inWord = false;
        var line = 1;
        var commandLine = 1;
        string? output = null;

        void EndWord()
        {
            if (inWord) words.Add(new ShellWord(word.ToString()));
            word.Clear();
            inWord = false;
        }
        void EndCommand()
        {
            EndWord();
            if (words.Count > 0) commands.Add(new ShellCommand(commandLine, words.ToList(), output));
            else if (output is not null) Error("a redirection without a command");
            words.Clear();
            output = null;
        }
        void Error(string message) => errors.Add($"line {line}: {message}");

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';
            if (words.Count == 0 && !inWord) commandLine = line;
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n':
                    EndCommand();
                    line++;
                    break;
                case '\\' when next == '\n':
                    i++;
                    line++;
                    break;
                case '\\' when next != '\0':
                    word.Append(next);
                    inWord = true;
                    i++;
                    break;
                case '\'':
                {
                    var end = script.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        Error("unterminated single quote");
                        return new ShellScript(commands, errors);
                    }
                    var quoted = script[(i + 1)..end];
                    word.Append(quoted);
                    line += quoted.Count(ch => ch == '\n');
                    inWord = true;
                    i = end;
                    break;
                }
                case '"':
                    i = DoubleQuoted(script, i, word, ref line, Error);
                    if (i < 0) return new ShellScript(commands, errors);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    while (i + 1 < script.Length && script[i + 1] != '\n') i++;
                    break;
                case ';':
                    EndCommand();
                    break;
                case '&' when next == '&':
                case '|' when next == '|':
                    EndCommand();
                    i++;
                    break;
                case '|':
                    Error("a pipe: a fix is a series of aws commands");
                    EndCommand();
                    break;
                case '<' when !inWord && PlaceholderAt().Match(script, i) is { Success: true } placeholder:
                    word.Append(placeholder.Value);
                    inWord = true;
                    i += placeholder.Length - 1;
                    break;
                case '>' when !inWord && OutputAt().Match(script, i) is { Success: true } redirection:
                    if (output is not null) Error("a command's output goes to one file");
                    output = redirection.Groups[1].Value;
                    i += redirection.Length - 1;
                    break;
                default:
                    if (IsPlain(c) || (c == '#' && inWord))
                    {
                        word.Append(c);
                        inWord = true;
                    }
                    else
                    {
                        Error(Unquoted(c));
                        word.Append(c);
                        inWord = true;
                    }
                    break;
            }
        }
        EndCommand();
        return new ShellScript(commands, errors);
    }

    /// <summary>Reads a double-quoted string starting at <paramref name="start"/>; returns the index of its closing quote, or -1.</summary>
    private static int DoubleQuoted(string script, int start, StringBuilder word, ref int line, Action<string> error)
    {
        for (var i = start + 1; i < script.Length; i++)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';
            switch (c)
            {
                case '"':
                    return i;
                case '\\' when next == '\n':
                    i++;
                    line++;
                    break;
                case '\\' when next is '$' or '`' or '"' or '\\':
                    word.Append(next);
                    i++;
                    break;
                case '$' or '`':
                    error($"'{c}' inside double quotes is expanded by the shell; use single quotes");
                    word.Append(c);
                    break;
                case '!':
                    error($"'!' inside double quotes triggers history expansion in an interactive shell; use single quotes");
                    word.Append(c);
                    break;
                default:
                    if (c == '\n') line++;
                    word.Append(c);
                    break;
            }
        }
        error($"unterminated double quote");
        return -1;
    }

    private static string Unquoted(char c) => c switch
    {
        '$' or '`' => $"unquoted '{c}' is expanded by the shell",
        '*' or '?' or '[' or ']' => $"unquoted '{c}' is a glob the shell may expand",
        '{' or '}' => $"unquoted '{c}' is subject to brace expansion",
        '<' or '>' => $"unquoted '{c}' is a redirection (a <PLACEHOLDER> must be a whole word; output goes to a file only as '> FILE' at the end of a command)",
        '(' or ')' => $"unquoted '{c}' starts a subshell",
        '&' => "unquoted '&' runs a command in the background",
        _ => $"unquoted '{c}' means something to the shell; quote the word",
    };
}
