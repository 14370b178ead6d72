using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.DuckDb;

/// <summary>Deterministic batches covering every <see cref="ColumnType"/>, edge values and NULLs.</summary>
internal static class DuckDbTestData
{
    public const string AllTypesTableDdl =
        "CREATE TABLE all_types(id BIGINT, b BOOLEAN, i INTEGER, l BIGINT, d DOUBLE, dt DATE, ts TIMESTAMP, s VARCHAR)";

    /// <summary>Strings that exercise DuckDB's 12-byte inline limit, multi-byte UTF-8 and emptiness.</summary>
    public static readonly string[] EdgeStrings =
    [
        string.Empty,
        "a",
        "AAPL",
        "exactly12byt", // 12 bytes: the longest inlined string
        "thirteen byte", // 13 bytes: the shortest heap string
        "ÄÖÜ äöü ß", // 2-byte UTF-8, 9 chars but 16 bytes
        "株式会社", // 3-byte UTF-8, 12 bytes
        "株式会社トヨタ", // 3-byte UTF-8, 21 bytes
        "📈📉💹", // 4-byte UTF-8 (surrogate pairs in .NET)
        "a string that is much longer than twelve bytes, with punctuation: ',;\"\\ and a tab\t",
        new string('x', 5000),
    ];

    /// <summary>
    /// A batch shaped like <see cref="AllTypesTableDdl"/>: an id column without NULLs, then one column per type with
    /// NULLs at every seventh row (offset per column) plus edge values at fixed rows.
    /// </summary>
    public static RecordBatch AllTypes(int rows, int seed = 42)
    {
        var random = new Random(seed);
        var ids = new long[rows];
        var booleans = new bool[rows];
        var ints = new int[rows];
        var longs = new long[rows];
        var doubles = new double[rows];
        var dates = new DateOnly[rows];
        var timestamps = new DateTimeOffset[rows];
        var strings = new string?[rows];
        var validity = new bool[7][];
        for (var c = 0; c < validity.Length; c++)
        {
            validity[c] = new bool[rows];
        }

        for (var r = 0; r < rows; r++)
        {
            ids[r] = r;
            booleans[r] = random.Next(2) == 1;
            ints[r] = random.Next(int.MinValue, int.MaxValue);
            longs[r] = random.NextInt64(long.MinValue, long.MaxValue);
            doubles[r] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 10));
            dates[r] = DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));

            // Whole microseconds: the precision DuckDB stores.
            var micros = random.NextInt64(-62_135_596_800_000_000L, 253_402_300_799_999_999L);
            timestamps[r] = new DateTimeOffset(DateTime.UnixEpoch.Ticks + (micros * 10), TimeSpan.Zero);
            strings[r] = EdgeStrings[r % EdgeStrings.Length] + (r % 3 == 0 ? string.Empty : r.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var c = 0; c < validity.Length; c++)
            {
                validity[c][r] = (r + c) % 7 != 0;
            }
        }

        if (rows > 10)
        {
            ints[1] = int.MinValue;
            ints[2] = int.MaxValue;
            longs[1] = long.MinValue;
            longs[2] = long.MaxValue;
            doubles[1] = double.MaxValue;
            doubles[2] = double.Epsilon;
            doubles[3] = double.PositiveInfinity;
            doubles[4] = double.NegativeInfinity;
            doubles[5] = double.NaN;
            dates[1] = DateOnly.MinValue;
            dates[2] = DateOnly.MaxValue;
            dates[3] = new DateOnly(1970, 1, 1);
            dates[4] = new DateOnly(1969, 12, 31);
            timestamps[1] = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
            timestamps[2] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990);
            timestamps[3] = DateTimeOffset.UnixEpoch;
            timestamps[4] = DateTimeOffset.UnixEpoch.AddTicks(-10);
        }

        return new RecordBatch(
        [
            new Int64Column("id", ids),
            new BooleanColumn("b", booleans, validity[0]),
            new Int32Column("i", ints, validity[1]),
            new Int64Column("l", longs, validity[2]),
            new DoubleColumn("d", doubles, validity[3]),
            new DateColumn("dt", dates, validity[4]),
            new TimestampColumn("ts", timestamps, validity[5]),
            new StringColumn("s", strings.Select((s, r) => validity[6][r] ? s : null).ToArray()),
        ]);
    }

    /// <summary>Asserts same names, types, row count, NULL positions and values (NaN equals NaN).</summary>
    public static void AssertSameBatch(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Type)), actual.Columns.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var want = expected.Columns[c];
            var got = actual.Columns[c];
            for (var r = 0; r < expected.RowCount; r++)
            {
                if (!Equals(want.GetValue(r), got.GetValue(r)))
                {
                    Assert.Fail($"Column '{want.Name}' row {r}: expected {Show(want.GetValue(r))} but got {Show(got.GetValue(r))}.");
                }
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        DateTimeOffset instant => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
