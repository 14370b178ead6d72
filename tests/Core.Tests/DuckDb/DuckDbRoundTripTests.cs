using StockLakehouse.Core.DuckDb;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class DuckDbRoundTripTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();

    private readonly DuckDbConnection _connection;

    private readonly string _directory = Directory.CreateTempSubdirectory("duckdb-roundtrip-").FullName;

    public DuckDbRoundTripTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(10_000)]
    public void Append_AllTypesWithNulls_QueryReturnsIdenticalValues(int rows)
    {
        var batch = DuckDbTestData.AllTypes(rows);
        _connection.Execute(DuckDbTestData.AllTypesTableDdl);

        _connection.Append("all_types", batch);

        var read = _connection.Query("SELECT * FROM all_types ORDER BY id");
        DuckDbTestData.AssertSameBatch(batch, read);
    }

    [Fact]
    public void Append_SeveralBatchesThroughOneAppender_AllRowsArriveInOrder()
    {
        _connection.Execute(DuckDbTestData.AllTypesTableDdl);
        var first = DuckDbTestData.AllTypes(3000, seed: 1);
        var second = DuckDbTestData.AllTypes(100, seed: 2);

        using (var appender = _connection.CreateAppender("all_types"))
        {
            appender.Append(first);
            appender.Append(second);
        }

        Assert.Equal(3100L, _connection.Scalar<long>("SELECT count(*) FROM all_types"));
        var tail = _connection.Query("SELECT * FROM all_types ORDER BY rowid OFFSET 3000");
        DuckDbTestData.AssertSameBatch(second, tail);
    }

    [Fact]
    public void Query_ColumnWithoutNulls_HasNullValidity()
    {
        _connection.Execute(DuckDbTestData.AllTypesTableDdl);
        _connection.Append("all_types", DuckDbTestData.AllTypes(5000));

        var read = _connection.Query("SELECT id, i FROM all_types ORDER BY id");

        Assert.Null(read.Get<Int64Column>("id").Validity);
        Assert.NotNull(read.Get<Int32Column>("i").Validity);
        Assert.True(read["i"].IsNull(6)); // (6 + 1) % 7 == 0
        Assert.False(read["i"].IsNull(7));
    }

    [Fact]
    public void Append_EdgeCaseStrings_RoundTripByteForByte()
    {
        var values = DuckDbTestData.EdgeStrings.Cast<string?>().Append(null).Append(string.Empty).ToArray();
        var batch = new RecordBatch([new Int32Column("id", Enumerable.Range(0, values.Length).ToArray()), new StringColumn("s", values)]);
        _connection.Execute("CREATE TABLE strings(id INTEGER, s VARCHAR)");

        _connection.Append("strings", batch);

        var read = _connection.Query("SELECT id, s, strlen(s) AS bytes FROM strings ORDER BY id");
        Assert.Equal(values, read.Get<StringColumn>("s").Values);

        // DuckDB itself must see the UTF-8 bytes .NET encoded, not just hand back what it was given.
        var bytes = read.Get<Int64Column>("bytes");
        for (var r = 0; r < values.Length; r++)
        {
            Assert.Equal(values[r] is null ? null : System.Text.Encoding.UTF8.GetByteCount(values[r]!), bytes.Get(r));
        }
    }

    [Fact]
    public void CopyToParquet_ZstdFile_ReadParquetReturnsIdenticalValues()
    {
        var batch = DuckDbTestData.AllTypes(5000);
        _connection.Execute(DuckDbTestData.AllTypesTableDdl);
        _connection.Append("all_types", batch);
        var file = Path.Combine(_directory, "x.parquet");

        _connection.Execute($"COPY all_types TO '{file}' (FORMAT parquet, COMPRESSION zstd)");

        Assert.True(new FileInfo(file).Length > 0);
        Assert.Equal("ZSTD", _connection.Scalar<string>($"SELECT DISTINCT compression FROM parquet_metadata('{file}') WHERE compression <> 'UNCOMPRESSED'"));
        var read = _connection.Query($"SELECT * FROM read_parquet('{file}') ORDER BY id");
        DuckDbTestData.AssertSameBatch(batch, read);
    }

    [Fact]
    public void Append_TimestampIntoTimestampWithTimeZone_ReadsBackSameInstant()
    {
        var instant = new DateTimeOffset(2024, 3, 15, 14, 30, 0, TimeSpan.Zero).AddTicks(1234560);
        _connection.Execute("SET TimeZone = 'UTC'; CREATE TABLE tz(ts TIMESTAMPTZ)");

        _connection.Append("tz", new RecordBatch([new TimestampColumn("ts", [instant])]));

        Assert.Equal(instant, _connection.Query("SELECT ts FROM tz").Get<TimestampColumn>("ts").Values[0]);
        Assert.Equal("2024-03-15 14:30:00.123456+00", _connection.Scalar<string>("SELECT ts::VARCHAR FROM tz"));
    }

    [Fact]
    public void Append_TimestampWithSubMicrosecondTicks_StoresFlooredMicroseconds()
    {
        var instant = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-3); // 0.3 µs before 1960
        _connection.Execute("CREATE TABLE t(ts TIMESTAMP)");

        _connection.Append("t", new RecordBatch([new TimestampColumn("ts", [instant])]));

        Assert.Equal(instant.AddTicks(-7), _connection.Query("SELECT ts FROM t").Get<TimestampColumn>("ts").Values[0]);
    }
}
