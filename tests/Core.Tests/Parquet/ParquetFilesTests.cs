using System.Globalization;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Core.Tests.Parquet;

/// <summary>
/// The lake's Parquet files: every column type round-trips with its NULLs, over several row groups; the file's schema
/// says REQUIRED and OPTIONAL as schemas/ does, with DATE and TIMESTAMP logical types; and DuckDB reads the same values.
/// </summary>
public sealed class ParquetFilesTests : IDisposable
{
    private static readonly TableSchema AllTypes = new(
        "all_types",
        "gold",
        "Every column type, REQUIRED and OPTIONAL.",
        [
            new FieldSchema("id", "INT64", true, "Row number."),
            new FieldSchema("flag", "BOOL", true, "A flag."),
            new FieldSchema("maybe_flag", "BOOL", false, "A flag or NULL."),
            new FieldSchema("count", "INT64", false, "A count or NULL."),
            new FieldSchema("price", "FLOAT64", true, "A price."),
            new FieldSchema("maybe_price", "FLOAT64", false, "A price or NULL."),
            new FieldSchema("day", "DATE", true, "A date."),
            new FieldSchema("maybe_day", "DATE", false, "A date or NULL."),
            new FieldSchema("at", "TIMESTAMP", false, "An instant or NULL."),
            new FieldSchema("name", "STRING", true, "A name."),
            new FieldSchema("note", "STRING", false, "A note or NULL."),
        ],
        ["id"],
        null,
        null,
        [],
        []);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static RecordBatch Rows(int rows)
    {
        var valid = Enumerable.Range(0, rows).Select(i => i % 3 != 1).ToArray();
        var epoch = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        return new RecordBatch(
        [
            new Int64Column("id", Enumerable.Range(0, rows).Select(i => (long)i).ToArray()),
            new BooleanColumn("flag", Enumerable.Range(0, rows).Select(i => i % 2 == 0).ToArray()),
            new BooleanColumn("maybe_flag", Enumerable.Range(0, rows).Select(i => valid[i] && i % 4 == 0).ToArray(), valid),
            new Int64Column("count", Enumerable.Range(0, rows).Select(i => valid[i] ? long.MaxValue - i : 0).ToArray(), valid),
            new DoubleColumn("price", Enumerable.Range(0, rows).Select(i => (i * 0.1) - 3.3).ToArray()),
            new DoubleColumn("maybe_price", Enumerable.Range(0, rows).Select(i => valid[i] ? Math.PI * i : 0).ToArray(), valid),
            new DateColumn("day", Enumerable.Range(0, rows).Select(i => new DateOnly(1970, 1, 1).AddDays(i - 500)).ToArray()),
            new DateColumn("maybe_day", Enumerable.Range(0, rows).Select(i => valid[i] ? new DateOnly(2025, 12, 31).AddDays(-i) : default).ToArray(), valid),
            new TimestampColumn("at", Enumerable.Range(0, rows).Select(i => valid[i] ? epoch.AddTicks(i * 1_234_560L) : default).ToArray(), valid),
            new StringColumn("name", Enumerable.Range(0, rows).Select(i => (string?)(i % 5 == 0 ? string.Empty : $"név-{i % 7}")).ToArray()),
            new StringColumn("note", Enumerable.Range(0, rows).Select(i => valid[i] ? $"note {i} ✓" : null).ToArray()),
        ]);
    }

    private static void AssertSameValues(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Type)), actual.Columns.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            for (var r = 0; r < expected.RowCount; r++)
            {
                Assert.True(Equals(expected.Columns[c].GetValue(r), actual.Columns[c].GetValue(r)), $"{expected.Columns[c].Name}[{r}]: {expected.Columns[c].GetValue(r)} <> {actual.Columns[c].GetValue(r)}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(1000)]
    public async Task WriteAsync_ThenReadAsync_ReturnsEveryValueAndNullOverManyRowGroups(int rows)
    {
        var parquet = new ParquetFiles(rowGroupRows: 64);
        var path = Path.Combine(_folder.Path, "all.parquet");
        var batch = Rows(rows);

        await parquet.WriteAsync(AllTypes, batch, path, default);
        var read = await parquet.ReadAsync(AllTypes, path, default);

        AssertSameValues(batch, read);
        Assert.Null(read.Get<Int64Column>("id").Validity);
        Assert.Equal(rows > 1, read.Get<DoubleColumn>("maybe_price").Validity is not null);
    }

    [Fact]
    public async Task ReadAsync_ChunksHoldingOneValue_ReadThatValueFromTheirStatistics()
    {
        // Row groups of 4: the first two hold one value per column (an extreme of each type, a non-ASCII string), the
        // third a NULL or a second value, so a chunk proved constant and one decoded sit in the same column.
        var parquet = new ParquetFiles(rowGroupRows: 4);
        var path = Path.Combine(_folder.Path, "constant.parquet");
        const int rows = 10;
        bool[] Valid() => Enumerable.Range(0, rows).Select(i => i != 9).ToArray();
        T[] Values<T>(T constant, T other) => Enumerable.Range(0, rows).Select(i => i < 8 ? constant : other).ToArray();
        var batch = new RecordBatch(
        [
            new Int64Column("id", Values(long.MinValue, 7L)),
            new BooleanColumn("flag", Values(true, false)),
            new BooleanColumn("maybe_flag", Values(true, false), Valid()),
            new Int64Column("count", Values(long.MaxValue, 0L), Valid()),
            new DoubleColumn("price", Values(-0.0, 0.0)),
            new DoubleColumn("maybe_price", Values(0.0, -0.0), Valid()),
            new DateColumn("day", Values(new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31))),
            new DateColumn("maybe_day", Values(new DateOnly(1969, 12, 31), default), Valid()),
            new TimestampColumn("at", Values(DateTimeOffset.UnixEpoch, default), Valid()),
            new StringColumn("name", Values<string?>("név ✓ 𝄞", string.Empty)),
            new StringColumn("note", Values<string?>(string.Empty, "n").Select((s, i) => i == 9 ? null : s).ToArray()),
        ]);
        await parquet.WriteAsync(AllTypes, batch, path, default);

        var read = await parquet.ReadAsync(AllTypes, path, default);

        AssertSameValues(batch, read);
        Assert.True(double.IsNegative(read.Get<DoubleColumn>("price").Values[0]), "A chunk of -0.0 read as 0.0.");
        Assert.True(double.IsNegative(read.Get<DoubleColumn>("maybe_price").Values[8]), "A chunk of 0.0 and -0.0 read as one value.");
        Assert.True(read.Get<Int64Column>("count").IsNull(9));
        Assert.Null(read.Get<Int64Column>("id").Validity);
    }

    [Fact]
    public async Task WriteAsync_FileSchema_SaysRequiredOptionalAndLogicalTypesAsSchemasDoes()
    {
        var path = Path.Combine(_folder.Path, "schema.parquet");
        await new ParquetFiles().WriteAsync(AllTypes, Rows(10), path, default);
        using var duckdb = DuckDbWarehouse.OpenConnection(":memory:");

        var schema = duckdb.Query("SELECT name, type, repetition_type, logical_type FROM parquet_schema($1) WHERE num_children IS NULL", path);

        string Describe(int r) => string.Join(" ", schema.Columns.Select(c => c.GetValue(r)?.ToString() ?? "-"));
        var described = Enumerable.Range(0, schema.RowCount).Select(Describe).ToArray();
        Assert.Equal(AllTypes.Fields.Count, described.Length);
        Assert.StartsWith("id INT64 REQUIRED", described[0], StringComparison.Ordinal);
        Assert.StartsWith("flag BOOLEAN REQUIRED", described[1], StringComparison.Ordinal);
        Assert.StartsWith("count INT64 OPTIONAL", described[3], StringComparison.Ordinal);
        Assert.StartsWith("price DOUBLE REQUIRED", described[4], StringComparison.Ordinal);
        Assert.Matches("^day INT32 REQUIRED .*DateType", described[6]);
        Assert.Matches("^at INT64 OPTIONAL .*TimestampType.*isAdjustedToUTC=1.*MicroSeconds", described[8]);
        Assert.Matches("^name BYTE_ARRAY REQUIRED .*StringType", described[9]);
        Assert.Matches("^note BYTE_ARRAY OPTIONAL .*StringType", described[10]);
    }

    [Fact]
    public async Task WriteAsync_DuckDbReadsTheSameValues()
    {
        var path = Path.Combine(_folder.Path, "duck.parquet");
        var batch = Rows(300);
        await new ParquetFiles(rowGroupRows: 128).WriteAsync(AllTypes, batch, path, default);
        using var duckdb = DuckDbWarehouse.OpenConnection(":memory:");

        var read = duckdb.Query("SELECT * REPLACE (CAST(\"at\" AS TIMESTAMP) AS \"at\") FROM read_parquet($1) ORDER BY id", path);

        var expected = Rows(300);
        AssertSameValues(expected, read);
        Assert.Equal(300L, duckdb.Scalar<long>("SELECT num_rows FROM parquet_file_metadata($1)", path));
        Assert.Equal(3L, duckdb.Scalar<long>("SELECT num_row_groups FROM parquet_file_metadata($1)", path));
    }

    [Fact]
    public async Task ReadAsync_FileDuckDbWrote_WithEveryColumnOptional_ReadsIt()
    {
        var path = Path.Combine(_folder.Path, "by-duckdb.parquet");
        using (var duckdb = DuckDbWarehouse.OpenConnection(":memory:"))
        {
            duckdb.Execute(
                $"""
                COPY (SELECT i::BIGINT AS id, i % 2 = 0 AS flag, NULL::BOOLEAN AS maybe_flag, i::BIGINT AS count, (i * 1.5)::DOUBLE AS price,
                        NULL::DOUBLE AS maybe_price, DATE '2024-01-01' + i::INTEGER AS day, NULL::DATE AS maybe_day,
                        TIMESTAMPTZ '2024-01-01 00:00:00+00' AS "at", 'n' || i AS name, CASE WHEN i = 1 THEN NULL ELSE 'x' END AS note, 'extra' AS unused
                      FROM range(3) t(i)) TO {DuckDbSql.Literal(path)} (FORMAT parquet, COMPRESSION zstd)
                """);
        }

        var read = await new ParquetFiles().ReadAsync(AllTypes, path, default);

        Assert.Equal([0L, 1L, 2L], read.Get<Int64Column>("id").Values);
        Assert.Equal(new DateOnly(2024, 1, 3), read.Get<DateColumn>("day").Values[2]);
        Assert.Equal(new[] { "x", null, "x" }, read.Get<StringColumn>("note").Values);
        Assert.True(read.Get<DoubleColumn>("maybe_price").IsNull(0));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), read.Get<TimestampColumn>("at").Values[1]);
    }

    [Fact]
    public async Task WriteAsync_NullInRequiredColumn_ThrowsBeforeWritingAFile()
    {
        var path = Path.Combine(_folder.Path, "bad.parquet");
        var batch = Rows(3);
        var columns = batch.Columns.ToArray();
        columns[9] = new StringColumn("name", ["a", null, "c"]);

        var error = await Assert.ThrowsAsync<SchemaMismatchException>(() => new ParquetFiles().WriteAsync(AllTypes, new RecordBatch(columns), path, default));

        Assert.Contains("REQUIRED column 'name' is NULL at row 1", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ReadAsync_ColumnMissingOrOfAnotherType_ThrowsNamingFileAndColumn()
    {
        var path = Path.Combine(_folder.Path, "other.parquet");
        using (var duckdb = DuckDbWarehouse.OpenConnection(":memory:"))
        {
            duckdb.Execute($"COPY (SELECT 'one' AS id) TO {DuckDbSql.Literal(path)} (FORMAT parquet)");
        }

        var wrongType = await Assert.ThrowsAsync<InvalidDataException>(() => new ParquetFiles().ReadAsync(AllTypes, path, default));
        var narrow = AllTypes with { Fields = [AllTypes.Fields[0], AllTypes.Fields[1]] };
        using var duck = DuckDbWarehouse.OpenConnection(":memory:");
        duck.Execute($"COPY (SELECT 1::BIGINT AS id) TO {DuckDbSql.Literal(path)} (FORMAT parquet)");
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => new ParquetFiles().ReadAsync(narrow, path, default));

        Assert.Contains($"'{path}'", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("Column 'id'", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("INT64", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("has no column 'flag'", missing.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"'{path}'"), missing.Message, StringComparison.Ordinal);
    }
}
