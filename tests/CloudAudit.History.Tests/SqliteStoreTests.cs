using CloudAudit.History.Store;
using Microsoft.Data.Sqlite;

namespace CloudAudit.History.Tests;

/// <summary>What only a SQLite file can do wrong: be damaged, be something else, be locked, be readable by others.</summary>
[Collection(nameof(StoreCollection))]
public sealed class SqliteStoreTests(StoreFixture stores)
{
    private string NewPath() => Path.Combine(stores.Folder, $"{Guid.NewGuid():N}", "history.db");

    [Fact]
    public void The_first_scan_creates_the_folder_and_a_file_only_its_owner_can_read()
    {
        var path = NewPath();
        using (var store = HistoryStore.Open(StoreLocation.Sqlite(path)))
            store.Record(Scans.Of([Scans.Finding("x")]));
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
    }

    [Fact]
    public void Reading_commands_do_not_create_a_history()
    {
        var path = NewPath();
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(StoreLocation.Sqlite(path), new StoreOptions { CreateIfMissing = false }));
        Assert.Equal(HistoryFailure.Invalid, error.Failure);
        Assert.StartsWith($"no history at {path}", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not SQLite at all; ", 200)));
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(StoreLocation.Sqlite(path)));
        Assert.Equal(HistoryFailure.Invalid, error.Failure);
        Assert.Equal($"{path} is not a SQLite database (or is damaged beyond reading)", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public void A_damaged_history_is_refused()
    {
        var location = StoreLocation.Sqlite(NewPath());
        using (var store = HistoryStore.Open(location))
            for (var i = 0; i < 3; i++) store.Record(Scans.Of(Scans.Many(2000)));
        // Overwrite pages in the middle of the file: the header still says SQLite, the b-trees no longer make sense.
        var bytes = File.ReadAllBytes(location.Target);
        for (var i = 4096 * 2; i < bytes.Length - 4096; i++) bytes[i] = 0x5A;
        File.WriteAllBytes(location.Target, bytes);
        var error = Assert.Throws<HistoryException>(() =>
        {
            using var store = HistoryStore.Open(location);
            store.Load(store.Resolve("last"));
        });
        Assert.Equal(HistoryFailure.Invalid, error.Failure);
        Assert.Contains(location.Target, error.Message);
    }

    [Fact]
    public void Another_applications_database_is_refused_and_left_alone()
    {
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)";
            create.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(StoreLocation.Sqlite(path)));
        Assert.Equal($"{path} is a SQLite database but not a cloud-audit history (it has tables customers and no schema_migrations)", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_history_locked_by_another_writer_is_unavailable_after_the_timeout()
    {
        var location = StoreLocation.Sqlite(NewPath());
        using (HistoryStore.Open(location)) { }
        using var holder = new SqliteConnection($"Data Source={location.Target};Pooling=False");
        holder.Open();
        using var hold = holder.BeginTransaction(deferred: false);
        using var write = holder.CreateCommand();
        write.Transaction = hold;
        write.CommandText = "INSERT INTO scans (scanned_at, recorded_at, source, tool_version, regions, duration_seconds) VALUES ('x', 'x', 'x', 'x', 'x', 0)";
        write.ExecuteNonQuery();

        using var store = HistoryStore.Open(location, new StoreOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        var error = Assert.Throws<HistoryException>(() => store.Record(Scans.Of([Scans.Finding("x")])));
        Assert.Equal(HistoryFailure.Unavailable, error.Failure);
        Assert.Equal($"{location.Target} is locked by another process; gave up waiting", error.Message);
        hold.Rollback();
        Assert.Empty(store.List());
    }
}
