using StockLakehouse.Core.DuckDb;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class DuckDbQueryTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();

    private readonly DuckDbConnection _connection;

    public DuckDbQueryTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Query_NarrowAndWideIntegers_MapToInt32AndInt64()
    {
        var batch = _connection.Query(
            "SELECT (-128)::TINYINT AS t, (-32768)::SMALLINT AS s, 255::UTINYINT AS ut, 65535::USMALLINT AS us, "
            + "4294967295::UINTEGER AS ui, 9223372036854775807::UBIGINT AS ub, (-9223372036854775808)::HUGEINT AS h, "
            + "9223372036854775807::UHUGEINT AS uh, NULL::HUGEINT AS hn");

        Assert.Equal(-128, batch.Get<Int32Column>("t").Values[0]);
        Assert.Equal(-32768, batch.Get<Int32Column>("s").Values[0]);
        Assert.Equal(255, batch.Get<Int32Column>("ut").Values[0]);
        Assert.Equal(65535, batch.Get<Int32Column>("us").Values[0]);
        Assert.Equal(4294967295L, batch.Get<Int64Column>("ui").Values[0]);
        Assert.Equal(long.MaxValue, batch.Get<Int64Column>("ub").Values[0]);
        Assert.Equal(long.MinValue, batch.Get<Int64Column>("h").Values[0]);
        Assert.Equal(long.MaxValue, batch.Get<Int64Column>("uh").Values[0]);
        Assert.True(batch["hn"].IsNull(0));
    }

    [Theory]
    [InlineData("SELECT 9223372036854775808::HUGEINT AS big", "9223372036854775808")]
    [InlineData("SELECT (-9223372036854775809)::HUGEINT AS big", "-9223372036854775809")]
    [InlineData("SELECT 9223372036854775808::UBIGINT AS big", "9223372036854775808")]
    [InlineData("SELECT 18446744073709551616::UHUGEINT AS big", "18446744073709551616")]
    public void Query_IntegerBeyondInt64_ThrowsOverflowNamingColumnAndValue(string sql, string value)
    {
        var error = Assert.Throws<OverflowException>(() => _connection.Query(sql));

        Assert.Contains("'big'", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_FloatAndDecimals_MapToDoubleExactly()
    {
        var batch = _connection.Query(
            "SELECT 1.25::FLOAT AS f, 12.345::DECIMAL(5,3) AS d16, 123456.789::DECIMAL(9,3) AS d32, "
            + "-1234567890.123456::DECIMAL(18,6) AS d64, 12345678901234567890.12::DECIMAL(38,2) AS d128, "
            + "0.1::DECIMAL(3,1) AS tenth");

        Assert.Equal(1.25, batch.Get<DoubleColumn>("f").Values[0]);
        Assert.Equal(12.345, batch.Get<DoubleColumn>("d16").Values[0]);
        Assert.Equal(123456.789, batch.Get<DoubleColumn>("d32").Values[0]);
        Assert.Equal(-1234567890.123456, batch.Get<DoubleColumn>("d64").Values[0]);
        Assert.Equal(12345678901234567890.12, batch.Get<DoubleColumn>("d128").Values[0]);
        Assert.Equal(0.1, batch.Get<DoubleColumn>("tenth").Values[0]);
    }

    [Fact]
    public void Query_DecimalColumn_MatchesDuckDbCastToDouble()
    {
        _connection.Execute("CREATE TABLE prices AS SELECT (i * 0.001 - 500)::DECIMAL(18,3) AS p FROM range(1000000) t(i)");

        var ours = _connection.Query("SELECT p FROM prices ORDER BY p").Get<DoubleColumn>("p").Values;
        var theirs = _connection.Query("SELECT p::DOUBLE AS p FROM prices ORDER BY p").Get<DoubleColumn>("p").Values;

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Query_TimestampVariants_MapToUtcMicroseconds()
    {
        var batch = _connection.Query(
            "SELECT TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' AS tz, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, "
            + "'2024-01-02 03:04:05'::TIMESTAMP_S AS s, '2024-01-02 03:04:05.123'::TIMESTAMP_MS AS ms, "
            + "'2024-01-02 03:04:05.123456789'::TIMESTAMP_NS AS ns, '1969-12-31 23:59:59.9999995'::TIMESTAMP_NS AS ns_before_epoch");
        var expected = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.Equal(expected.AddTicks(1_234_560), batch.Get<TimestampColumn>("tz").Values[0]);
        Assert.Equal(expected.AddTicks(1_234_560), batch.Get<TimestampColumn>("ts").Values[0]);
        Assert.Equal(expected, batch.Get<TimestampColumn>("s").Values[0]);
        Assert.Equal(expected.AddMilliseconds(123), batch.Get<TimestampColumn>("ms").Values[0]);
        Assert.Equal(expected.AddTicks(1_234_560), batch.Get<TimestampColumn>("ns").Values[0]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(-10), batch.Get<TimestampColumn>("ns_before_epoch").Values[0]);
        Assert.All(batch.Columns, c => Assert.Equal(TimeSpan.Zero, ((TimestampColumn)c).Values[0].Offset));
    }

    [Theory]
    [InlineData("SELECT 'infinity'::DATE AS v")]
    [InlineData("SELECT '-infinity'::TIMESTAMP AS v")]
    [InlineData("SELECT '20000-01-01'::DATE AS v")]
    public void Query_TemporalOutsideDotNetRange_ThrowsOverflow(string sql)
    {
        var error = Assert.Throws<OverflowException>(() => _connection.Query(sql));

        Assert.Contains("'v'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_OutOfRangeTemporalUnderNull_IsNotAnError()
    {
        // Bytes under a NULL are undefined; only valid rows may be range-checked.
        var batch = _connection.Query("SELECT CASE WHEN i = 0 THEN NULL ELSE DATE '2024-01-01' END AS d FROM range(2) t(i)");

        Assert.Equal([null, new DateOnly(2024, 1, 1)], Enumerable.Range(0, 2).Select(r => batch.Get<DateColumn>("d").Get(r)));
    }

    [Theory]
    [InlineData("SELECT 'x'::BLOB AS payload", "payload", "BLOB")]
    [InlineData("SELECT [1, 2] AS items", "items", "LIST")]
    [InlineData("SELECT {'a': 1} AS record", "record", "STRUCT")]
    [InlineData("SELECT INTERVAL 1 DAY AS span", "span", "INTERVAL")]
    [InlineData("SELECT uuid() AS id", "id", "UUID")]
    [InlineData("SELECT TIME '10:00' AS t", "t", "TIME")]
    public void Query_UnsupportedType_ThrowsNotSupportedNamingColumnAndType(string sql, string column, string type)
    {
        var error = Assert.Throws<NotSupportedException>(() => _connection.Query(sql));

        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(type, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_EmptyResult_ReturnsZeroRowsWithTypedColumns()
    {
        var batch = _connection.Query("SELECT 1::INTEGER AS i, 'x' AS s, DATE '2024-01-01' AS d WHERE false");

        Assert.Equal(0, batch.RowCount);
        Assert.Equal([ColumnType.Int32, ColumnType.String, ColumnType.Date], batch.Columns.Select(c => c.Type));
    }

    [Fact]
    public void Query_ConstantAcrossManyChunks_ReadsEveryRow()
    {
        var batch = _connection.Query("SELECT 7 AS k, i, 'constant string longer than 12' AS s FROM range(100000) t(i)");

        Assert.Equal(100_000, batch.RowCount);
        Assert.All(batch.Get<Int32Column>("k").Values, v => Assert.Equal(7, v));
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (long)i), batch.Get<Int64Column>("i").Values);
        Assert.All(batch.Get<StringColumn>("s").Values, v => Assert.Equal("constant string longer than 12", v));
    }

    [Fact]
    public void Query_MultipleStatements_ReturnsLastResult()
    {
        var batch = _connection.Query("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2); SELECT sum(x)::INTEGER AS total FROM t");

        Assert.Equal(3, batch.Get<Int32Column>("total").Values[0]);
    }

    [Fact]
    public void Query_FailingSql_ThrowsDuckDbExceptionWithDuckDbMessageAndSql()
    {
        const string Sql = "SELECT * FROM no_such_table";

        var error = Assert.Throws<DuckDbException>(() => _connection.Query(Sql));

        Assert.Contains("Catalog Error", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.DuckDbError, StringComparison.Ordinal);
        Assert.Contains(Sql, error.Message, StringComparison.Ordinal);
        Assert.Equal(Sql, error.Sql);
    }

    [Fact]
    public void Query_VeryLongFailingSql_MessageQuotesOnlyItsStart()
    {
        var sql = "SELECT no_such_column FROM range(1) -- " + new string('z', 10_000);

        var error = Assert.Throws<DuckDbException>(() => _connection.Query(sql));

        Assert.Contains("SELECT no_such_column", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 2000, $"Message is {error.Message.Length} characters long.");
        Assert.Equal(sql, error.Sql);
    }

    [Fact]
    public void Query_ErrorRaisedWhileExecuting_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT CAST('abc' AS INTEGER) AS n"));

        Assert.Contains("Conversion Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_SeveralStatements_RunsAllInOrder()
    {
        _connection.Execute("""
            CREATE TABLE t(x INTEGER);
            INSERT INTO t VALUES (1);
            INSERT INTO t SELECT x + 1 FROM t;
            """);

        Assert.Equal(3L, _connection.Scalar<long>("SELECT sum(x) FROM t"));
    }

    [Fact]
    public void Execute_FailingMiddleStatement_StopsThereAndNamesIt()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Execute(
            "CREATE TABLE t(x INTEGER); INSERT INTO missing VALUES (1); INSERT INTO t VALUES (2)"));

        Assert.Contains("statement 2 of 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Execute_TransactionAcrossCalls_RollbackDiscardsRows()
    {
        _connection.Execute("CREATE TABLE t(x INTEGER)");

        _connection.Execute("BEGIN TRANSACTION; INSERT INTO t VALUES (1), (2)");
        var inside = _connection.Scalar<long>("SELECT count(*) FROM t");
        _connection.Execute("ROLLBACK");

        Assert.Equal(2L, inside);
        Assert.Equal(0L, _connection.Scalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Execute_ParseError_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Execute("SELEKT 1"));

        Assert.Contains("Parser Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecuteNonQuery_InsertUpdateDelete_ReturnsRowsChanged()
    {
        _connection.Execute("CREATE TABLE t(x INTEGER)");

        Assert.Equal(5L, _connection.ExecuteNonQuery("INSERT INTO t SELECT i FROM range(5) r(i)"));
        Assert.Equal(2L, _connection.ExecuteNonQuery("UPDATE t SET x = x * 10 WHERE x >= 3"));
        Assert.Equal(1L, _connection.ExecuteNonQuery("DELETE FROM t WHERE x = 0"));
        Assert.Equal(0L, _connection.ExecuteNonQuery("CREATE TABLE u(y INTEGER)"));
        Assert.Equal(1L, _connection.ExecuteNonQuery("INSERT INTO u VALUES (1), (2); DELETE FROM u WHERE y = 2"));
    }

    [Fact]
    public void Scalar_SupportedTypes_ReturnsConvertedValue()
    {
        Assert.Equal(42L, _connection.Scalar<long>("SELECT 42::BIGINT"));
        Assert.Equal(42, _connection.Scalar<int>("SELECT count(*) FROM range(42)"));
        Assert.Equal(2.5, _connection.Scalar<double>("SELECT 2.5::DOUBLE"));
        Assert.Equal(1.5, _connection.Scalar<double>("SELECT 1.5"));
        Assert.Equal("héllo wörld, longer than 12", _connection.Scalar<string>("SELECT 'héllo wörld, longer than 12'"));
        Assert.True(_connection.Scalar<bool>("SELECT 1 < 2"));
        Assert.Equal(new DateOnly(2024, 2, 29), _connection.Scalar<DateOnly>("SELECT DATE '2024-02-29'"));
        Assert.Equal(new DateOnly(2024, 2, 29), _connection.Scalar<DateOnly?>("SELECT DATE '2024-02-29'"));
        Assert.Equal("42", _connection.Scalar<string>("SELECT 42"));
        Assert.Equal("2024-02-29", _connection.Scalar<string>("SELECT DATE '2024-02-29'"));
    }

    [Fact]
    public void Scalar_NullOrNoRows_ReturnsDefault()
    {
        Assert.Null(_connection.Scalar<long?>("SELECT NULL::BIGINT"));
        Assert.Equal(0L, _connection.Scalar<long>("SELECT NULL::BIGINT"));
        Assert.Null(_connection.Scalar<string>("SELECT NULL::VARCHAR"));
        Assert.Null(_connection.Scalar<DateOnly?>("SELECT DATE '2024-01-01' WHERE false"));
    }

    [Fact]
    public void Scalar_OnlyFirstColumnMatters_OtherUnsupportedColumnsAreIgnored()
    {
        Assert.Equal(1, _connection.Scalar<int>("SELECT 1::INTEGER, [1, 2] AS unsupported"));
    }

    [Fact]
    public void Scalar_ValueTooLargeForInt_ThrowsInvalidCast()
    {
        var error = Assert.Throws<InvalidCastException>(() => _connection.Scalar<int>("SELECT 9999999999"));

        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryBatches_SplitsResultAtRequestedSize_KeepsEveryRowInOrder()
    {
        var batches = _connection.QueryBatches("SELECT 42 AS k, i, i::VARCHAR AS s FROM range(5000) t(i)", 1500).ToList();

        Assert.Equal([1500, 1500, 1500, 500], batches.Select(b => b.RowCount));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), batches.SelectMany(b => b.Get<Int64Column>("i").Values));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), batches.SelectMany(b => b.Get<StringColumn>("s").Values));
        Assert.All(batches.SelectMany(b => b.Get<Int32Column>("k").Values), k => Assert.Equal(42, k));
    }

    [Fact]
    public void QueryBatches_NullsAtUnalignedBatchBoundaries_MatchAppendedBatch()
    {
        // 333 is coprime with both the 2048-row chunk and the 64-row validity word, so every split position occurs.
        var batch = DuckDbTestData.AllTypes(5000);
        _connection.Execute(DuckDbTestData.AllTypesTableDdl);
        _connection.Append("all_types", batch);

        var parts = _connection.QueryBatches("SELECT * FROM all_types ORDER BY id", 333).ToList();

        Assert.All(parts.SkipLast(1), p => Assert.Equal(333, p.RowCount));
        var offset = 0;
        foreach (var part in parts)
        {
            for (var c = 0; c < batch.Columns.Count; c++)
            {
                for (var r = 0; r < part.RowCount; r++)
                {
                    Assert.Equal(batch.Columns[c].GetValue(offset + r), part.Columns[c].GetValue(r));
                }
            }

            offset += part.RowCount;
        }

        Assert.Equal(batch.RowCount, offset);
    }

    [Fact]
    public void Query_ManyRepeatedShortStrings_ReturnsEveryValueCorrectly()
    {
        // Short strings go through a decode cache; thousands of distinct values force slot collisions and evictions.
        var batch = _connection.Query(
            "SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE 'S' || (i % 5003) END AS s FROM range(200000) t(i) ORDER BY i");

        var values = batch.Get<StringColumn>("s").Values;
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(i % 11 == 0 ? null : $"S{i % 5003}", values[i]);
        }
    }

    [Fact]
    public void QueryBatches_EmptyResult_YieldsNothing()
    {
        Assert.Empty(_connection.QueryBatches("SELECT 1 AS x WHERE false", 100));
    }

    [Fact]
    public void QueryBatches_StoppedEarly_ConnectionStaysUsable()
    {
        var first = _connection.QueryBatches("SELECT i FROM range(1000000) t(i)", 10).First();

        Assert.Equal(10, first.RowCount);
        Assert.Equal(5L, _connection.Scalar<long>("SELECT 5::BIGINT"));
    }

    [Fact]
    public void QueryBatches_ErrorDuringExecution_ThrowsDuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() =>
            _connection.QueryBatches("SELECT CASE WHEN i < 5000 THEN i ELSE CAST('x' || i AS INTEGER) END AS n FROM range(10000) t(i)", 100).ToList());

        Assert.Contains("Conversion Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryBatches_InvalidBatchSize_ThrowsImmediately()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _connection.QueryBatches("SELECT 1", 0));
    }

    [Fact]
    public void Query_AfterDispose_ThrowsObjectDisposed()
    {
        _connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _connection.Query("SELECT 1"));
    }
}
