using System.Text.RegularExpressions;
using CloudAudit.Remediation.Tests.Shell;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>
/// Checks that a parsed command is one the AWS CLI runs: <c>aws [global options] service operation
/// [--parameter [value…]…]</c> (or <c>service wait waiter …</c>) with a real service, operation and
/// parameters, the required parameters present, and each value readable as the parameter's type.
/// </summary>
public sealed partial class AwsCliValidator(AwsCliCatalog catalog)
{
    /// <summary>Options of the <c>aws</c> command itself, accepted anywhere.</summary>
    private static readonly Dictionary<string, ArgumentKind> GlobalOptions = new(StringComparer.Ordinal)
    {
        ["region"] = ArgumentKind.Value, ["profile"] = ArgumentKind.Value, ["output"] = ArgumentKind.Value,
        ["query"] = ArgumentKind.Value, ["endpoint-url"] = ArgumentKind.Value, ["ca-bundle"] = ArgumentKind.Value,
        ["cli-read-timeout"] = ArgumentKind.Value, ["cli-connect-timeout"] = ArgumentKind.Value,
        ["color"] = ArgumentKind.Value, ["cli-binary-format"] = ArgumentKind.Value,
        ["debug"] = ArgumentKind.Flag, ["no-verify-ssl"] = ArgumentKind.Flag, ["no-paginate"] = ArgumentKind.Flag,
        ["no-sign-request"] = ArgumentKind.Flag, ["no-cli-pager"] = ArgumentKind.Flag,
        ["cli-auto-prompt"] = ArgumentKind.Flag, ["no-cli-auto-prompt"] = ArgumentKind.Flag,
    };

    /// <summary>Options every operation takes: its whole input as a document, or a skeleton of it.</summary>
    private static readonly Dictionary<string, ArgumentKind> OperationOptions = new(StringComparer.Ordinal)
    {
        ["cli-input-json"] = ArgumentKind.Value, ["cli-input-yaml"] = ArgumentKind.Value,
        ["generate-cli-skeleton"] = ArgumentKind.OptionalValue,
    };

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionName();

    public IReadOnlyList<string> Validate(ShellCommand command)
    {
        var errors = new List<string>();
        var words = command.Words.Select(w => w.Value).ToList();
        var at = $"line {command.Line}";
        if (words[0] != "aws")
            return [$"{at}: '{words[0]}' is not the aws command; a fix is a series of aws commands (and jq between them)"];

        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var i = 1;
        i = ReadOptions(words, i, name => GlobalOptions.GetValueOrDefault(name), options, errors, at);
        if (i >= words.Count) return [.. errors, $"{at}: no service named"];
        var serviceName = words[i++];
        var service = catalog.Service(serviceName);
        if (service is null)
            return [.. errors, serviceName == "s3"
                ? $"{at}: the high-level 'aws s3' commands are not accepted; use the s3api operation"
                : $"{at}: '{serviceName}' is not an AWS CLI service (known: botocore models in Data/aws-cli-commands.json.gz)"];
        if (i >= words.Count) return [.. errors, $"{at}: no operation named for aws {serviceName}"];
        var operationName = words[i++];
        CliOperation? operation;
        if (operationName == "wait" && !service.Operations.ContainsKey(operationName))
        {
            if (i >= words.Count) return [.. errors, $"{at}: no waiter named for aws {serviceName} wait"];
            operationName = $"wait {words[i]}";
            if (!service.Waiters.TryGetValue(words[i++], out operation))
                return [.. errors, $"{at}: '{words[i - 1]}' is not a waiter of aws {serviceName} wait"];
        }
        else if (!service.Operations.TryGetValue(operationName, out operation))
            return [.. errors, $"{at}: '{operationName}' is not an operation of aws {serviceName}"];
        var commandName = $"aws {serviceName} {operationName}";

        ArgumentKind? KindOf(string name) =>
            operation.Parameters.TryGetValue(name, out var p) && name != CliParameter.OutFileName ? p.KindIn(service)
            : GlobalOptions.TryGetValue(name, out var global) ? global
            : OperationOptions.TryGetValue(name, out var perOperation) ? perOperation
            : null;

        var positional = new List<string>();
        while (i < words.Count)
        {
            i = ReadOptions(words, i, KindOf, options, errors, $"{at}: {commandName}");
            if (i < words.Count) positional.Add(words[i++]);
        }
        if (positional.Count > (operation.OutFile is null ? 0 : 1))
            errors.Add($"{at}: {commandName} takes no argument '{positional[^1]}' (a value with spaces that lost its quotes?)");
        else if (operation.OutFile is { Required: true } && positional.Count == 0)
            errors.Add($"{at}: {commandName} needs the output file name as its last argument");

        var takesWholeInput = options.ContainsKey("cli-input-json") || options.ContainsKey("cli-input-yaml")
            || options.ContainsKey("generate-cli-skeleton");
        string? NegationOf(string name) => options.Keys.FirstOrDefault(o =>
            o == "no-" + name || (operation.Parameters.TryGetValue(o, out var p) && p.Negates == name));
        foreach (var parameter in operation.Parameters.Values.Where(p => p.Required && !takesWholeInput))
            if (!options.ContainsKey(parameter.Name) && NegationOf(parameter.Name) is null && parameter.Name != CliParameter.OutFileName)
                errors.Add($"{at}: {commandName} requires --{parameter.Name}");
        foreach (var name in options.Keys)
            if (NegationOf(name) is { } negation)
                errors.Add($"{at}: {commandName} has both --{name} and --{negation}");

        var values = new ValueChecker(service, errors);
        foreach (var (name, optionWords) in options)
        {
            if (operation.Parameters.TryGetValue(name, out var parameter) && optionWords.Count > 0)
                values.Check(parameter, optionWords);
        }
        // What the file holds must not depend on the user's configured output format.
        if (command.Output is { } file && !(options.TryGetValue("output", out var format) && format is ["json"]))
            errors.Add($"{at}: {commandName} writes {file}, so it must say --output json");
        if (options.TryGetValue("region", out var region) && region is [var regionName]
            && !RegionName().IsMatch(regionName) && !new ShellWord(regionName).IsPlaceholder)
            errors.Add($"{at}: --region '{regionName}' is not a region name");
        return errors.Select(e => e.StartsWith(at, StringComparison.Ordinal) ? e : $"{at}: {commandName} {e}").ToList();
    }

    /// <summary>Reads --options from <paramref name="i"/> on; returns the index of the first word that is not one.</summary>
    private static int ReadOptions(List<string> words, int i, Func<string, ArgumentKind?> kindOf,
        Dictionary<string, List<string>> options, List<string> errors, string at)
    {
        while (i < words.Count && words[i].StartsWith("--", StringComparison.Ordinal) && words[i].Length > 2)
        {
            var name = words[i][2..];
            string? inline = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
                (name, inline) = (name[..eq], name[(eq + 1)..]);
            i++;
            if (kindOf(name) is not { } kind)
            {
                errors.Add($"{at}: unknown parameter --{name}");
                while (i < words.Count && !words[i].StartsWith("--", StringComparison.Ordinal)) i++;
                continue;
            }
            if (options.ContainsKey(name)) errors.Add($"{at}: --{name} is given twice");
            var values = new List<string>();
            if (inline is not null) values.Add(inline);
            else if (kind != ArgumentKind.Flag)
            {
                var max = kind == ArgumentKind.List ? int.MaxValue : 1;
                while (values.Count < max && i < words.Count && !words[i].StartsWith("--", StringComparison.Ordinal))
                    values.Add(words[i++]);
            }
            if (kind == ArgumentKind.Flag && values.Count > 0)
                errors.Add($"{at}: --{name} is a flag and takes no value");
            if (kind is ArgumentKind.Value or ArgumentKind.List && values.Count == 0)
                errors.Add($"{at}: --{name} needs a value");
            options[name] = values;
        }
        return i;
    }
}
