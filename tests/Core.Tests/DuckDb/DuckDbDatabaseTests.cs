using StockLakehouse.Core.DuckDb;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class DuckDbDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("duckdb-database-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void LibraryVersion_IsTheFetchedRelease()
    {
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(":memory:")]
    public void Open_InMemory_IsUsable(string? path)
    {
        using var database = DuckDbDatabase.Open(path);
        using var connection = database.Connect();

        Assert.Equal(":memory:", database.Path);
        Assert.Equal(2L, connection.Scalar<long>("SELECT 1 + 1"));
    }

    [Fact]
    public void Open_FilePath_PersistsAcrossReopen()
    {
        var path = Path.Combine(_directory, "lake.duckdb");
        using (var database = DuckDbDatabase.Open(path))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (7)");
        }

        using var reopened = DuckDbDatabase.Open(path);
        using var again = reopened.Connect();

        Assert.True(File.Exists(path));
        Assert.Equal(7, again.Scalar<int>("SELECT x FROM t"));
    }

    [Fact]
    public void Open_FileInMissingDirectory_ThrowsDuckDbExceptionNamingPathAndCause()
    {
        var path = Path.Combine(_directory, "does", "not", "exist", "lake.duckdb");

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.DuckDbError));
        Assert.Contains(error.DuckDbError!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ParentIsAFile_ThrowsDuckDbExceptionNamingPath()
    {
        // A regular file as the "directory" cannot be written into even by root, unlike a chmod-ed directory.
        var notADirectory = Path.Combine(_directory, "plain.txt");
        File.WriteAllText(notADirectory, "not a directory");
        var path = Path.Combine(notADirectory, "lake.duckdb");

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.DuckDbError));
    }

    [Fact]
    public void Open_ReadOnlyDirectoryAsNonRoot_ThrowsDuckDbException()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var locked = Directory.CreateDirectory(Path.Combine(_directory, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (CanWrite(locked))
            {
                // Running as root (as in CI containers): permissions are not enforced, so there is no failure to observe.
                return;
            }

            var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(Path.Combine(locked, "lake.duckdb")));

            Assert.Contains(locked, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Open_PathIsADirectory_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(_directory));

        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TwoConnectionsOnTwoThreads_WorkConcurrently()
    {
        using var database = DuckDbDatabase.Open(Path.Combine(_directory, "concurrent.duckdb"));
        using (var setup = database.Connect())
        {
            setup.Execute("CREATE TABLE a(id BIGINT, v VARCHAR); CREATE TABLE b(id BIGINT, v VARCHAR)");
        }

        using var start = new Barrier(2);
        var work = new[] { "a", "b" }.Select(table => Task.Factory.StartNew(
            () =>
            {
                using var connection = database.Connect();
                start.SignalAndWait();
                for (var round = 0; round < 20; round++)
                {
                    var ids = Enumerable.Range(round * 1000, 1000).Select(i => (long)i).ToArray();
                    connection.Append(table, new RecordBatch(
                    [
                        new Int64Column("id", ids),
                        new StringColumn("v", ids.Select(i => $"{table}-{i}-payload").ToArray()),
                    ]));
                    Assert.Equal((round + 1) * 1000L, connection.Scalar<long>($"SELECT count(*) FROM {table}"));
                }

                return connection.Query($"SELECT v FROM {table} ORDER BY id").Get<StringColumn>("v").Values;
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var results = await Task.WhenAll(work);

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"a-{i}-payload"), results[0]);
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"b-{i}-payload"), results[1]);
    }

    [Fact]
    public void Connect_ManyThreadsAtOnce_AllConnectionsWork()
    {
        using var database = DuckDbDatabase.Open();

        var sums = new long[16];
        Parallel.For(0, sums.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            using var connection = database.Connect();
            sums[i] = connection.Scalar<long>($"SELECT sum(x) FROM range({i + 1}) t(x)");
        });

        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i * (i + 1) / 2), sums);
    }

    [Fact]
    public void Dispose_DatabaseBeforeConnection_ConnectionKeepsWorking()
    {
        var database = DuckDbDatabase.Open();
        using var connection = database.Connect();

        database.Dispose();

        Assert.Equal(1, connection.Scalar<int>("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => database.Connect());
    }

    private static bool CanWrite(string directory)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, "probe"), string.Empty);
            File.Delete(Path.Combine(directory, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
