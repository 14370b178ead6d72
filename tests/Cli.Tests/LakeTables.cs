using System.Data.Common;
using System.Globalization;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Compares two output folders table by table: every silver and gold Parquet partition of the lake (all the files of its
/// folder) and every table of the warehouse, as multisets of rows in which a double is its 64 bits, so equal means identical bit for bit.
/// </summary>
internal static class LakeTables
{
    /// <summary>Warehouse tables that record loads and checks rather than hold data; their rows name runs, times and what is left to check.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { LoadStateSql.TableName, LoadPartitionsSql.TableName, "check_pending", "check_baseline", "check_baseline_references" };

    public static IReadOnlyList<string> Differences(string expectedOut, string actualOut)
    {
        var differences = new List<string>();
        foreach (var layer in new[] { "silver", "gold" })
        {
            var expected = Partitions(Path.Combine(expectedOut, "lake", layer));
            var actual = Partitions(Path.Combine(actualOut, "lake", layer));
            differences.AddRange(expected.Except(actual, StringComparer.Ordinal).Select(p => $"{layer}/{p} is only in {expectedOut}"));
            differences.AddRange(actual.Except(expected, StringComparer.Ordinal).Select(p => $"{layer}/{p} is only in {actualOut}"));
            using var connection = DuckDbWarehouse.OpenConnection(":memory:");
            foreach (var partition in expected.Intersect(actual, StringComparer.Ordinal))
            {
                string Query(string root) => $"SELECT * FROM read_parquet({DuckDbSql.Literal(Path.Combine(root, "lake", layer, partition, "*.parquet"))})";
                Compare($"{layer}/{partition}", Rows(connection, Query(expectedOut)), Rows(connection, Query(actualOut)), differences);
            }
        }

        using var expectedWarehouse = DuckDbWarehouse.OpenConnection(Options.CommonSettings.WarehouseIn(expectedOut), readOnly: true);
        using var actualWarehouse = DuckDbWarehouse.OpenConnection(Options.CommonSettings.WarehouseIn(actualOut), readOnly: true);
        var expectedTables = Tables(expectedWarehouse);
        var actualTables = Tables(actualWarehouse);
        if (!expectedTables.SequenceEqual(actualTables, StringComparer.Ordinal))
        {
            differences.Add($"the warehouses hold different tables: {string.Join(",", expectedTables)} against {string.Join(",", actualTables)}");
        }

        foreach (var table in expectedTables.Intersect(actualTables, StringComparer.Ordinal))
        {
            var query = $"SELECT * FROM {DuckDbSql.Identifier(table)}";
            Compare($"warehouse table {table}", Rows(expectedWarehouse, query), Rows(actualWarehouse, query), differences);
        }

        return differences;
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void Compare(string what, List<string> expected, List<string> actual, List<string> differences)
    {
        if (expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            return;
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).Take(2);
        var extra = actual.Except(expected, StringComparer.Ordinal).Take(2);
        differences.Add($"{what}: {expected.Count} rows against {actual.Count}; only in the first: {string.Join(" / ", missing)}; only in the second: {string.Join(" / ", extra)}");
    }

    /// <summary>The folders holding Parquet files under <paramref name="root"/>: a partition's rows are those of all its files (its file and its tail).</summary>
    private static string[] Partitions(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!)).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string[] Tables(DbConnection connection)
    {
        var tables = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!Bookkeeping.Contains(name))
            {
                tables.Add(name);
            }
        }

        return [.. tables];
    }

    /// <summary>A query's rows as text, sorted: a double or a float is written as its bits, so -0.0, NaN payloads and the last ulp count.</summary>
    private static List<string> Rows(DbConnection connection, string query)
    {
        var rows = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select((v, i) => reader.GetName(i) + "=" + Text(v))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "null",
        double d => "d" + BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
        float f => "f" + BitConverter.SingleToInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
