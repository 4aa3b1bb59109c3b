using System.Text.Json;
using System.Text.RegularExpressions;
using CloudAudit.Remediation.Tests.Shell;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>
/// The one command a fix may run besides <c>aws</c>: <c>jq [--arg NAME VALUE | --argjson NAME JSON |
/// --slurpfile NAME FILE | -c | -r | -j | -n]… FILTER [FILE] &gt; OUTPUT</c>, which turns what aws commands
/// wrote into what the next one reads (describe-task-definition output into register-task-definition
/// input). Slot values reach the filter through <c>--arg</c>, never inside it. The filter must compile in
/// the real jq.
/// </summary>
public static partial class JqCommand
{
    public const string Name = "jq";

    private static readonly HashSet<string> Flags = ["-c", "--compact-output", "-r", "--raw-output", "-j", "--join-output"];
    private static readonly HashSet<string> NullInput = ["-n", "--null-input"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>The files the jq command reads: its input, and those of --slurpfile.</summary>
    public static IEnumerable<string> InputFiles(ShellCommand command)
    {
        var (_, input, arguments) = Parse(command, []);
        return arguments.Select(a => a.File).OfType<string>().Concat(input is null ? [] : [input]);
    }

    public static IReadOnlyList<string> Validate(ShellCommand command)
    {
        var at = $"line {command.Line}: jq";
        var errors = new List<string>();
        var (filter, input, arguments) = Parse(command, errors);
        if (filter is null)
            errors.Add("needs a filter");
        else if (CompileError(filter, arguments) is { } error)
            errors.Add($"the filter does not compile: {error}");
        if (command.Output is null)
            errors.Add("must write its result to a file (> FILE) that a later command reads");
        return errors.Select(e => $"{at}: {e}").ToList();
    }

    private static (string? Filter, string? Input, List<(string Option, string Name, string? File)> Arguments) Parse(ShellCommand command, List<string> errors)
    {
        var words = command.Words.Skip(1).Select(w => w.Value).ToList();
        var arguments = new List<(string, string, string?)>();
        var nullInput = false;
        var i = 0;
        for (; i < words.Count && words[i].StartsWith('-'); i++)
        {
            var option = words[i];
            if (Flags.Contains(option)) continue;
            if (NullInput.Contains(option))
            {
                nullInput = true;
                continue;
            }
            if (option is not ("--arg" or "--argjson" or "--slurpfile"))
            {
                errors.Add($"option {option} is not one a fix uses (--arg, --argjson, --slurpfile, -c, -r, -j, -n)");
                continue;
            }
            if (i + 2 >= words.Count)
            {
                errors.Add($"{option} needs a name and a value");
                break;
            }
            var (name, value) = (words[i + 1], words[i + 2]);
            if (!VariableName().IsMatch(name)) errors.Add($"{option} '{name}' is not a jq variable name");
            if (option == "--argjson" && !IsJson(value) && !new ShellWord(value).IsPlaceholder)
                errors.Add($"--argjson {name}: '{value}' is not JSON");
            arguments.Add((option, name, option == "--slurpfile" ? value : null));
            i += 2;
        }
        var rest = words.Skip(i).ToList();
        var filter = rest.Count > 0 ? rest[0] : null;
        var files = rest.Skip(1).ToList();
        if (nullInput && files.Count > 0) errors.Add($"-n reads no input, but '{files[0]}' is given");
        if (!nullInput && files.Count != 1) errors.Add(files.Count == 0 ? "needs one input file" : $"reads one input file, not {files.Count}");
        return (filter, nullInput ? null : files.FirstOrDefault(), arguments);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>jq's compile error for the filter with these variables, or null. "empty | (…)" compiles without running it.</summary>
    private static string? CompileError(string filter, List<(string Option, string Name, string? File)> arguments)
    {
        var args = new List<string> { "-n" };
        foreach (var (option, name, _) in arguments)
            args.AddRange(option == "--arg" ? [option, name, ""] : ["--argjson", name, "null"]);
        args.Add($"empty | ({filter})");
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run(Name, args, "");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("jq is not installed: the tests compile every fix's jq filter with it", e);
        }
        return result.ExitCode == 0 ? null : result.Stderr.Trim().Replace('\n', ' ');
    }
}
