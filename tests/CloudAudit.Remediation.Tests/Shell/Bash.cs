using System.Text.RegularExpressions;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests.Shell;

/// <summary>What bash did with a script: the commands it ran, each as its words, and the files it wrote.</summary>
public sealed record BashRun(IReadOnlyList<IReadOnlyList<string>> Calls, IReadOnlyList<string> Files);

/// <summary>
/// The real bash, as the second opinion on <see cref="ShellParser"/>: <c>bash -n</c> for syntax, and a
/// run with <c>aws</c> and <c>jq</c> defined as functions that print their arguments, to see the exact
/// words bash passes and the files its redirections create.
/// </summary>
public static partial class Bash
{
    /// <summary>The commands a fix may run; the run replaces each with a recorder.</summary>
    public static readonly IReadOnlyList<string> Commands = ["aws", "jq"];

    [GeneratedRegex("<([A-Z][A-Z0-9_]*)>")]
    private static partial Regex Placeholder();

    /// <summary>The snippet with every &lt;NAME&gt; filled in (as NAME), as a user would before running it.</summary>
    public static string FillPlaceholders(string snippet) => Placeholder().Replace(snippet, "$1");

    /// <summary>bash's complaint about the script's syntax, or null when <c>bash -n</c> accepts it.</summary>
    public static string? SyntaxError(string script)
    {
        var result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-n"], script);
        return result.ExitCode == 0 ? null : result.Stderr.Trim();
    }

    /// <summary>
    /// Runs the script in an empty folder with each command replaced by a function that prints its name
    /// and arguments to a descriptor redirections leave alone; the calls in order, and the files written.
    /// </summary>
    public static BashRun Run(string script)
    {
        // Each call prints its words NUL-terminated, then \x01; nothing else in the script may run.
        var recorders = "exec 3>&1\n" + string.Concat(Commands.Select(c => $"{c}() {{ printf '%s\\0' {c} \"$@\" >&3; printf '\\001' >&3; }}\n"));
        var folder = Directory.CreateTempSubdirectory("cloud-audit-fix-");
        try
        {
            var result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-s"], recorders + script, folder.FullName);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"bash failed ({result.ExitCode}): {result.Stderr}");
            var calls = result.Stdout.Split('\u0001').SkipLast(1)
                .Select(call => (IReadOnlyList<string>)call.Split('\0').SkipLast(1).ToList())
                .ToList();
            var files = folder.EnumerateFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
            return new BashRun(calls, files);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
