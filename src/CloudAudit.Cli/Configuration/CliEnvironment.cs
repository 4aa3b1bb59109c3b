namespace CloudAudit.Cli.Configuration;

/// <summary>
/// Where the CLI reads environment variables and its working directory. A caller that runs the CLI in
/// process (the tests) can give it its own for the current async flow, without touching the real
/// process environment that parallel runs share.
/// </summary>
public static class CliEnvironment
{
    private static readonly AsyncLocal<Scope?> Current = new();

    public static string? Variable(string name) =>
        Current.Value is { } scope ? scope.Variables.GetValueOrDefault(name) : Environment.GetEnvironmentVariable(name);

    public static string WorkingDirectory => Current.Value?.WorkingDirectory ?? Directory.GetCurrentDirectory();

    /// <summary>Until disposed, this flow sees only <paramref name="variables"/> and the given working directory.</summary>
    public static IDisposable Use(IReadOnlyDictionary<string, string> variables, string? workingDirectory = null)
    {
        var previous = Current.Value;
        Current.Value = new Scope(variables, workingDirectory);
        return new Restore(() => Current.Value = previous);
    }

    private sealed record Scope(IReadOnlyDictionary<string, string> Variables, string? WorkingDirectory);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
