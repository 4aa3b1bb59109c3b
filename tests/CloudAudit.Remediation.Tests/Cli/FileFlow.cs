using CloudAudit.Remediation.Tests.Shell;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>
/// The files a fix passes from one command to the next: every file a command reads (an aws
/// <c>file://</c> or <c>fileb://</c> value, jq's input or --slurpfile) was written by an earlier command of the same
/// fix with <c>&gt; FILE</c>, every file written is read later, and no command reads the file it writes
/// (the shell empties it first). So a fix needs no file the user must prepare.
/// </summary>
public static class FileFlow
{
    private static readonly string[] FilePrefixes = ["file://", "fileb://"];

    public static IReadOnlyList<string> Problems(IReadOnlyList<ShellCommand> commands)
    {
        var errors = new List<string>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var unread = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var reads = Reads(command).ToList();
            foreach (var file in reads)
            {
                if (!written.Contains(file))
                    errors.Add($"line {command.Line}: reads {file}, which no earlier command of the fix writes (> {file})");
                unread.Remove(file);
            }
            if (command.Output is not { } output) continue;
            if (reads.Contains(output))
                errors.Add($"line {command.Line}: reads and writes {output}; the shell empties it before the command reads it");
            written.Add(output);
            unread[output] = command.Line;
        }
        foreach (var (file, line) in unread)
            errors.Add($"line {line}: writes {file}, which no later command reads");
        return errors;
    }

    /// <summary>The files a command reads: jq's input files, or the paths of an aws command's file:// values.</summary>
    public static IEnumerable<string> Reads(ShellCommand command)
    {
        if (command.Words[0].Value == JqCommand.Name)
            return JqCommand.InputFiles(command);
        return command.Words.Skip(1)
            .Select(w => w.Value.StartsWith("--", StringComparison.Ordinal) && w.Value.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? w.Value[(eq + 1)..] : w.Value)
            .SelectMany(value => FilePrefixes.Where(p => value.StartsWith(p, StringComparison.Ordinal)).Select(p => value[p.Length..]));
    }
}
