using System.Text.Json;

namespace CloudAudit.Mcp.Tests.Support;

/// <summary>One server for a test class, with the demo organization scanned once (a scan takes seconds).</summary>
public sealed class DemoServer : IAsyncLifetime
{
    public McpServerRun Run { get; private set; } = null!;
    public JsonElement Scan { get; private set; }

    public async Task InitializeAsync()
    {
        Run = await McpServerRun.StartAsync();
        Scan = await Run.StructuredAsync("demo_scan");
    }

    public async Task DisposeAsync() => await Run.DisposeAsync();
}
