using CloudAudit.History.Store;
using CloudAudit.Testing;

// One PostgreSQL cluster for the whole run, shared by every store test (see StoreFixture).
namespace CloudAudit.History.Tests;

public enum Database { Sqlite, PostgreSql }

/// <summary>
/// Fresh, empty stores of either kind: a SQLite file in a temporary folder, or a new database on the run's
/// one throw-away PostgreSQL cluster (started on first use, stopped when the run ends).
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim starting = new(1, 1);
    private PostgresCluster? cluster;
    private readonly string folder = Directory.CreateTempSubdirectory("cloud-audit-history-tests-").FullName;

    public string Folder => folder;

    public async Task<StoreLocation> NewAsync(Database database)
    {
        if (database == Database.Sqlite)
            return StoreLocation.Sqlite(Path.Combine(folder, $"{Guid.NewGuid():N}", "history.db"));
        return StoreLocation.Parse(await (await ClusterAsync()).CreateDatabaseAsync("history"));
    }

    public async Task<PostgresCluster> ClusterAsync()
    {
        await starting.WaitAsync();
        try
        {
            return cluster ??= await PostgresCluster.StartAsync();
        }
        finally
        {
            starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (cluster is not null)
            await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}

[CollectionDefinition(nameof(StoreCollection))]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>;

/// <summary>
/// A store theory run once per database; the PostgreSQL case is left out where PostgreSQL is not installed, except under
/// CI, where it runs and fails naming what is missing.
/// </summary>
public sealed class BothStoresAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod)
    {
        yield return [Database.Sqlite];
        if (PostgresCluster.Runs)
            yield return [Database.PostgreSql];
    }
}

/// <summary>A fact that needs a PostgreSQL server; skipped naming what is missing where it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresCluster.SkipReason;
}
