using System.Text.RegularExpressions;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests.Shell;

/// <summary>
/// The real bash, as the second opinion on <see cref="ShellParser"/>: <c>bash -n</c> for syntax, and a
/// run with <c>aws</c> defined as a function that prints its arguments, to see the exact words bash passes.
/// </summary>
public static partial class Bash
{
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

    /// <summary>Runs the script with aws replaced by a function; the arguments of each aws call, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> AwsCalls(string script)
    {
        // Each call prints its arguments NUL-terminated, then \x01; nothing else in the script may run.
        const string recorder = "aws() { printf '%s\\0' \"$@\"; printf '\\001'; }\n";
        var result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-s"], recorder + script);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"bash failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout.Split('\u0001').SkipLast(1)
            .Select(call => (IReadOnlyList<string>)call.Split('\0').SkipLast(1).ToList())
            .ToList();
    }
}
