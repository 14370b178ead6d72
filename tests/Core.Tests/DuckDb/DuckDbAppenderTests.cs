using StockLakehouse.Core.DuckDb;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class DuckDbAppenderTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();

    private readonly DuckDbConnection _connection;

    public DuckDbAppenderTests()
    {
        _connection = _database.Connect();
        _connection.Execute("CREATE TABLE quotes(symbol VARCHAR, day DATE, close DOUBLE)");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Append_WrongColumnCount_ThrowsArgumentExceptionNamingTable()
    {
        var batch = new RecordBatch([new StringColumn("symbol", ["AAPL"])]);

        var error = Assert.Throws<ArgumentException>(() => _connection.Append("quotes", batch));

        Assert.Contains("quotes", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_WrongColumnType_ThrowsArgumentExceptionNamingColumnAndTypes()
    {
        var batch = new RecordBatch(
        [
            new StringColumn("symbol", ["AAPL"]),
            new DateColumn("day", [new DateOnly(2024, 1, 2)]),
            new Int64Column("close", [185]),
        ]);

        var error = Assert.Throws<ArgumentException>(() => _connection.Append("quotes", batch));

        Assert.Contains("'close'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
        Assert.Contains("DOUBLE", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM quotes"));
    }

    [Fact]
    public void CreateAppender_MissingTable_ThrowsDuckDbExceptionWithDuckDbMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.CreateAppender("no_such_table"));

        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.DuckDbError);
    }

    [Fact]
    public void CreateAppender_TableInSchema_AppendsThere()
    {
        _connection.Execute("CREATE SCHEMA staging; CREATE TABLE staging.flags(on_off BOOLEAN)");

        using (var appender = _connection.CreateAppender("flags", "staging"))
        {
            appender.Append(new RecordBatch([new BooleanColumn("on_off", [true, false, true], [true, true, false])]));
        }

        Assert.Equal("true,false,NULL", _connection.Scalar<string>("SELECT string_agg(coalesce(on_off::VARCHAR, 'NULL'), ',' ORDER BY rowid) FROM staging.flags"));
    }

    [Fact]
    public void Dispose_ConstraintViolationOnFinalFlush_ThrowsDuckDbException()
    {
        _connection.Execute("CREATE TABLE keyed(id INTEGER PRIMARY KEY)");
        var appender = _connection.CreateAppender("keyed");
        appender.Append(new RecordBatch([new Int32Column("id", [1, 1])]));

        var error = Assert.Throws<DuckDbException>(appender.Dispose);

        Assert.Contains("keyed", error.Message, StringComparison.Ordinal);
        Assert.Contains("constraint", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM keyed"));
    }

    [Fact]
    public void Flush_ConstraintViolation_ThrowsAndLaterDisposeDoesNotThrowAgain()
    {
        _connection.Execute("CREATE TABLE keyed(id INTEGER NOT NULL)");
        var appender = _connection.CreateAppender("keyed");
        appender.Append(new RecordBatch([new Int32Column("id", [1, 2], [true, false])]));

        Assert.Throws<DuckDbException>(appender.Flush);
        Assert.Throws<InvalidOperationException>(() => appender.Append(new RecordBatch([new Int32Column("id", [3])])));
        appender.Dispose();
    }

    [Fact]
    public void Flush_ThenMoreRows_RowsVisibleAfterEachFlush()
    {
        using var appender = _connection.CreateAppender("quotes");
        var reader = _database.Connect();

        appender.Append(Quotes("AAPL", 3000));
        appender.Flush();
        var afterFirst = reader.Scalar<long>("SELECT count(*) FROM quotes");
        appender.Append(Quotes("MSFT", 10));
        appender.Flush();

        Assert.Equal(3000L, afterFirst);
        Assert.Equal(3010L, reader.Scalar<long>("SELECT count(*) FROM quotes"));
        reader.Dispose();
    }

    [Fact]
    public void Append_EmptyBatch_AppendsNothing()
    {
        _connection.Append("quotes", Quotes("AAPL", 0));

        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM quotes"));
    }

    [Fact]
    public void Append_AfterDispose_ThrowsObjectDisposed()
    {
        var appender = _connection.CreateAppender("quotes");
        appender.Dispose();

        Assert.Throws<ObjectDisposedException>(() => appender.Append(Quotes("AAPL", 1)));
    }

    private static RecordBatch Quotes(string symbol, int rows) => new(
    [
        new StringColumn("symbol", Enumerable.Repeat<string?>(symbol, rows).ToArray()),
        new DateColumn("day", Enumerable.Range(0, rows).Select(i => new DateOnly(2000, 1, 1).AddDays(i)).ToArray()),
        new DoubleColumn("close", Enumerable.Range(0, rows).Select(i => i * 0.25).ToArray()),
    ]);
}
