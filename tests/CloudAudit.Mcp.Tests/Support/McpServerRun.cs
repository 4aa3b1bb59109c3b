using System.Text.Json;
using CloudAudit.Demo;
using CloudAudit.Inventory.Snapshot;
using Json.Schema;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CloudAudit.Mcp.Tests.Support;

/// <summary>
/// A real <c>cloud-audit mcp</c> process, started by the official C# SDK's stdio client in a working directory of
/// its own (where a test may put a <c>.cloud-audit.yml</c>), with its history in that directory and no AWS
/// credentials or configuration of the machine's user.
/// </summary>
public sealed class McpServerRun : IAsyncDisposable
{
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "cloud-audit.dll");

    public required McpClient Client { get; init; }
    public required string Directory { get; init; }
    public required OutputLines Stderr { get; init; }

    public static async Task<McpServerRun> StartAsync(string? config = null, IReadOnlyDictionary<string, string?>? environment = null,
        params string[] serverArguments)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cloud-audit-mcp-").FullName;
        if (config is not null)
            await File.WriteAllTextAsync(Path.Combine(directory, ".cloud-audit.yml"), config);
        var stderr = new OutputLines();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [CliDll, "mcp", "--history", Path.Combine(directory, "history.db"), .. serverArguments],
            WorkingDirectory = directory,
            EnvironmentVariables = Environment(directory, environment),
            StandardErrorLines = stderr.Add,
        });
        var client = await McpClient.CreateAsync(transport);
        return new McpServerRun { Client = client, Directory = directory, Stderr = stderr };
    }

    /// <summary>No AWS settings of the machine: an unreachable endpoint unless a test gives its own.</summary>
    public static Dictionary<string, string?> Environment(string home, IReadOnlyDictionary<string, string?>? overrides)
    {
        var variables = System.Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Where(n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith("CLOUD_AUDIT_", StringComparison.Ordinal))
            .ToDictionary(n => n, _ => (string?)null);
        variables["HOME"] = home;
        variables["AWS_CONFIG_FILE"] = Path.Combine(home, "no-aws-config");
        variables["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-aws-credentials");
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
            variables[name] = value;
        return variables;
    }

    /// <summary>A tool call; cancelling <paramref name="cancel"/> sends the server notifications/cancelled for it.</summary>
    public Task<CallToolResult> CallAsync(string tool, object? arguments = null, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null,
        CancellationToken cancel = default) =>
        Client.CallToolAsync(tool, Arguments(arguments), progress, cancellationToken: cancel).AsTask();

    /// <summary>The structured content of a call that must succeed, checked against the tool's output schema.</summary>
    public async Task<JsonElement> StructuredAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.False(result.IsError == true, $"{tool}: {Text(result)}");
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        var schema = (await Client.ListToolsAsync()).Single(t => t.Name == tool).ProtocolTool.OutputSchema;
        Assert.NotNull(schema);
        var evaluation = JsonSchema.FromText(schema.Value.GetRawText()).Evaluate(structured, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, $"{tool}: structured content does not match its output schema: "
            + string.Join("; ", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        return structured;
    }

    /// <summary>The message of a call that must fail as a tool error (the server goes on).</summary>
    public async Task<string> ErrorAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.True(result.IsError == true, $"{tool} should have failed: {Text(result)}");
        return Text(result);
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>Writes the demo organization's inventory, as <c>demo --save-snapshot</c> does.</summary>
    public string WriteDemoSnapshot()
    {
        var path = Path.Combine(Directory, "demo-inventory.json.gz");
        using var file = File.Create(path);
        SnapshotFile.Write(DemoAccount.Build(DateTimeOffset.UtcNow, "test"), file, gzip: true);
        return path;
    }

    private static Dictionary<string, object?> Arguments(object? arguments) =>
        arguments is null ? [] : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The server may still be closing its history file; the temporary directory is left behind.
        }
    }
}
