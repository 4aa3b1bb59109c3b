using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudAudit.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a temporary folder, a server on a free
/// loopback port, databases made on demand, and everything stopped and deleted at the end. The binaries are
/// Debian's (/usr/lib/postgresql/VERSION/bin); as root they run as the <c>postgres</c> system user, since
/// PostgreSQL refuses to run as root. Linked into every project that uses it.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly Lazy<string?> Binaries = new(FindBinaries);
    private readonly string bin;
    private readonly string folder;
    private int databases;

    private PostgresCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why no cluster can start here (no PostgreSQL binaries); null when one can.</summary>
    public static string? MissingReason => Binaries.Value is null
        ? "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (test.sh installs Debian's postgresql)"
        : null;

    /// <summary>
    /// The skip reason of a PostgreSQL test where no server is installed. Under CI (<c>CI=true</c>) nothing is skipped:
    /// <see cref="StartAsync"/> fails those tests with the reason, so a CI machine without PostgreSQL cannot pass the run
    /// with the PostgreSQL store left untested.
    /// </summary>
    public static string? SkipReason => MissingReason is { } reason && !UnderCi ? $"POSTGRESQL MISSING: {reason}" : null;

    /// <summary>Whether the PostgreSQL cases run: where a server is installed, and always under CI (where they fail without one).</summary>
    public static bool Runs => MissingReason is null || UnderCi;

    private static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Binaries.Value ?? throw new InvalidOperationException(
            $"POSTGRESQL MISSING{(UnderCi ? " under CI=true (CI never skips the PostgreSQL store tests)" : "")}: {MissingReason}");
        var folder = Directory.CreateTempSubdirectory("cloud-audit-pg-").FullName;
        var port = FreePort();
        var cluster = new PostgresCluster(bin, folder, port);
        try
        {
            if (IsRoot && !OperatingSystem.IsWindows())
            {
                // The folder must belong to the user the server runs as; /tmp itself is open to everyone.
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                await cluster.RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
            }
            await cluster.RunAsync(Path.Combine(bin, "initdb"),
                ["-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
            await cluster.RunAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                 $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60",
                 "start"]);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(folder, "data");

    /// <summary>A new, empty database; returns its connection string (user postgres, trust authentication).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databases)}";
        await using (var admin = new Npgsql.NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string Url(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the folder goes anyway.
            }
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        if (asPostgres && IsRoot)
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(prefix);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
