using CloudAudit.History.Store;

namespace CloudAudit.History.Tests;

/// <summary>What only a server can do wrong: be out of reach; and how its address is written.</summary>
[Collection(nameof(StoreCollection))]
public sealed class PostgresStoreTests(StoreFixture stores)
{
    [PostgresFact]
    public async Task The_schema_lives_in_its_own_namespace_beside_other_tables()
    {
        var location = await stores.NewAsync(Database.PostgreSql);
        using (var raw = RawConnection.Open(location))
            raw.Execute("CREATE TABLE public.scans (id int)"); // a team database holds other things
        using (var store = HistoryStore.Open(location))
            store.Record(Scans.Of([Scans.Finding("x")]));
        using var check = RawConnection.Open(location);
        Assert.Equal(1L, check.Scalar("SELECT count(*) FROM cloud_audit.findings"));
        Assert.Equal(0L, check.Scalar("SELECT count(*) FROM public.scans"));
    }

    [PostgresFact]
    public async Task A_URL_reaches_the_same_database_as_a_connection_string()
    {
        var cluster = await stores.ClusterAsync();
        var connection = await cluster.CreateDatabaseAsync("url");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database!;
        using (var store = HistoryStore.Open(StoreLocation.Parse(connection)))
            store.Record(Scans.Of([Scans.Finding("x")]));
        using var byUrl = HistoryStore.Open(StoreLocation.Parse(cluster.Url(database)));
        Assert.Single(byUrl.List());
    }

    [Fact]
    public void A_server_nobody_listens_on_is_unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var location = StoreLocation.Parse($"postgresql://audit:secret@127.0.0.1:{port}/history");
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(location));
        Assert.Equal(HistoryFailure.Unavailable, error.Failure);
        Assert.StartsWith($"cannot reach postgresql://audit@127.0.0.1:{port}/history", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("postgresql://audit:p%40ss@db.example.com:6543/posture?sslmode=require", "db.example.com", 6543, "posture", "audit", "p@ss", "postgresql://audit@db.example.com:6543/posture")]
    [InlineData("postgres://db/posture", "db", 5432, "posture", null, null, "postgresql://db:5432/posture")]
    [InlineData("Host=db;Database=posture;Username=audit;Password=x", "db", 5432, "posture", "audit", "x", "postgresql://audit@db:5432/posture")]
    public void Store_addresses_parse_into_connection_strings(string value, string host, int port, string database, string? user, string? password, string display)
    {
        var location = StoreLocation.Parse(value);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(StoreKind.PostgreSql, location.Kind);
        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal("cloud_audit", builder.SearchPath);
        Assert.Equal(display, location.Display);
    }

    [Theory]
    [InlineData("mysql://db/x", "unknown store 'mysql://db/x'")]
    [InlineData("postgresql://u:hunter2@/x", "invalid PostgreSQL URL 'postgresql://u:***@/x'")]
    [InlineData("postgresql://db/x?nonsense=1", "unknown PostgreSQL URL parameter 'nonsense'")]
    public void Bad_addresses_are_refused_without_their_password(string value, string message)
    {
        var error = Assert.Throws<HistoryException>(() => StoreLocation.Parse(value));
        Assert.StartsWith(message, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
