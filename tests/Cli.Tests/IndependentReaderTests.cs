using System.Diagnostics;
using System.Globalization;
using StockLakehouse.Cloud.Tests.Gcs;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The lake a pipeline run wrote, read by two readers that share no code: DuckDB and hyparquet (JavaScript, run from
/// tools/parquet-reader, which `make test` installs with npm ci). Every silver and gold partition must show both the
/// same schema (names, physical and logical types, REQUIRED/OPTIONAL, as schemas/ declares), the same row count and,
/// per column, the same non-NULL count, sum, minimum, maximum, distinct count and UTF-8 bytes.
/// </summary>
public sealed class IndependentReaderTests : IClassFixture<LakeRunFixture>
{
    private readonly LakeRunFixture _run;

    public IndependentReaderTests(LakeRunFixture run)
    {
        _run = run;
    }

    [Fact]
    public async Task Every_silver_and_gold_partition_reads_the_same_in_duckdb_and_hyparquet()
    {
        Assert.True(_run.FirstRun.ExitCode == 0, _run.FirstRun.Error + _run.FirstRun.Output);
        var catalog = SchemaCatalog.LoadDefault();
        using var hyparquet = JsonDocument.Parse(await ReadWithHyparquetAsync(_run.LakePath));
        using var duckdb = DuckDbWarehouse.OpenConnection(":memory:");
        var files = hyparquet.RootElement.EnumerateArray().ToArray();
        var expectedFiles = Directory.EnumerateFiles(Path.Combine(_run.LakePath, "silver"), "*.parquet", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(_run.LakePath, "gold"), "*.parquet", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(_run.LakePath, f))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expectedFiles, files.Select(f => f.GetProperty("file").GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains(files, f => f.GetProperty("file").GetString()!.StartsWith("gold/fact_technical_indicator/", StringComparison.Ordinal) && f.GetProperty("rows").GetInt64() > 200);
        foreach (var file in files)
        {
            var relative = file.GetProperty("file").GetString()!;
            var path = Path.Combine(_run.LakePath, relative);
            var table = catalog[relative.Split('/')[1]];
            var columns = file.GetProperty("columns").EnumerateArray().ToArray();

            Assert.Equal(duckdb.Scalar<long>("SELECT count(*) FROM read_parquet($1)", path), file.GetProperty("rows").GetInt64());
            Assert.Equal(table.Fields.Select(f => f.Name), columns.Select(c => c.GetProperty("name").GetString()));
            var schema = duckdb.Query("SELECT name, type, repetition_type, coalesce(logical_type, converted_type, '') AS logical FROM parquet_schema($1) WHERE num_children IS NULL", path);
            for (var i = 0; i < columns.Length; i++)
            {
                var field = table.Fields[i];
                var hy = columns[i];
                var where = $"{relative} column {field.Name}";
                var (type, repetition, logical) = (Text(schema, "type", i), Text(schema, "repetition_type", i), LogicalKind(Text(schema, "logical", i)));
                Assert.True(type == hy.GetProperty("type").GetString(), $"{where}: DuckDB sees {type}, hyparquet {hy.GetProperty("type")}");
                Assert.True(repetition == hy.GetProperty("repetition").GetString(), $"{where}: DuckDB sees {repetition}, hyparquet {hy.GetProperty("repetition")}");
                Assert.True(logical == LogicalKind(hy.GetProperty("logical").GetString()!), $"{where}: DuckDB sees {logical}, hyparquet {hy.GetProperty("logical")}");
                Assert.True(repetition == (field.Required ? "REQUIRED" : "OPTIONAL"), $"{where}: {repetition}, but schemas/ says required={field.Required}");
                Assert.True((type, logical) == Expected(field.ColumnType), $"{where}: {type} {logical} for {field.BigQueryType}");
                AssertSameValues(duckdb, path, field, hy, where);
            }
        }
    }

    private static void AssertSameValues(DuckDB.NET.Data.DuckDBConnection duckdb, string path, FieldSchema field, JsonElement hy, string where)
    {
        var c = DuckDbSql.Identifier(field.Name);
        var value = field.ColumnType switch
        {
            ColumnType.Date => $"({c} - DATE '1970-01-01')",
            ColumnType.Boolean => $"CAST({c} AS INTEGER)",
            _ => c,
        };
        var summary = field.ColumnType == ColumnType.String
            ? $"count({c}), count(*) - count({c}), CAST(sum(strlen({c})) AS VARCHAR), count(DISTINCT {c})"
            : $"count({c}), count(*) - count({c}), CAST(sum({value}) AS VARCHAR), count(DISTINCT {value}), CAST(min({value}) AS DOUBLE), CAST(max({value}) AS DOUBLE)";
        var row = duckdb.Query($"SELECT {summary} FROM read_parquet($1)", path);
        Assert.True(Convert.ToInt64(row.Columns[0].GetValue(0), CultureInfo.InvariantCulture) == hy.GetProperty("count").GetInt64(), $"{where}: non-NULL counts differ");
        Assert.True(Convert.ToInt64(row.Columns[1].GetValue(0), CultureInfo.InvariantCulture) == hy.GetProperty("nulls").GetInt64(), $"{where}: NULL counts differ");
        Assert.True(Convert.ToInt64(row.Columns[3].GetValue(0), CultureInfo.InvariantCulture) == hy.GetProperty("distinct").GetInt64(), $"{where}: distinct counts differ");
        var sum = (string?)row.Columns[2].GetValue(0);
        if (field.ColumnType == ColumnType.String)
        {
            Assert.True((sum ?? "0") == hy.GetProperty("bytes").GetInt64().ToString(CultureInfo.InvariantCulture), $"{where}: UTF-8 bytes differ: {sum} vs {hy.GetProperty("bytes")}");
            return;
        }

        if (field.ColumnType == ColumnType.Double)
        {
            // Both sums are of the same doubles; only the order of the additions may differ.
            var ours = sum is null ? 0 : double.Parse(sum, CultureInfo.InvariantCulture);
            var theirs = hy.GetProperty("sum").GetDouble();
            Assert.True(Math.Abs(ours - theirs) <= 1e-9 * Math.Max(1, Math.Abs(ours)), $"{where}: sums differ: {ours} vs {theirs}");
        }
        else
        {
            Assert.True((sum ?? "0") == hy.GetProperty("sum").ToString(), $"{where}: sums differ: {sum} vs {hy.GetProperty("sum")}");
        }

        if (hy.TryGetProperty("min", out var min))
        {
            Assert.True((double)row.Columns[4].GetValue(0)! == double.Parse(min.GetString()!, CultureInfo.InvariantCulture), $"{where}: minimums differ");
            Assert.True((double)row.Columns[5].GetValue(0)! == double.Parse(hy.GetProperty("max").GetString()!, CultureInfo.InvariantCulture), $"{where}: maximums differ");
        }
    }

    private static string Text(RecordBatch batch, string column, int row) => batch[column].GetValue(row)?.ToString() ?? string.Empty;

    /// <summary>The kind of a logical type as either reader spells it: DuckDB <c>DateType()</c> or <c>UTF8</c>, hyparquet <c>date</c> or <c>string</c>.</summary>
    private static string LogicalKind(string spelled)
    {
        var kind = spelled.ToLowerInvariant();
        var paren = kind.IndexOf("type(", StringComparison.Ordinal);
        kind = paren >= 0 ? kind[..paren] : kind;
        return kind switch
        {
            "utf8" => "string",
            "integer" or "int_64" or "int_32" => "int",
            _ => kind,
        };
    }

    private static (string Type, string Logical) Expected(ColumnType type) => type switch
    {
        ColumnType.Boolean => ("BOOLEAN", string.Empty),
        ColumnType.Int64 => ("INT64", "int"),
        ColumnType.Double => ("DOUBLE", string.Empty),
        ColumnType.Date => ("INT32", "date"),
        ColumnType.String => ("BYTE_ARRAY", "string"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No table of schemas/ has this type."),
    };

    private static async Task<string> ReadWithHyparquetAsync(string lake)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tools", "parquet-reader");
        if (!File.Exists(Path.Combine(folder, "node_modules", "hyparquet", "package.json")))
        {
            throw new InvalidOperationException($"hyparquet is not installed in {folder}: run `make test` (or `npm ci` there) first.");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("read-lake.mjs");
        start.ArgumentList.Add(lake);
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException("read-lake.mjs did not finish within two minutes.");
        }

        Assert.True(node.ExitCode == 0, $"read-lake.mjs failed ({node.ExitCode}): {await error}");
        return await output;
    }
}
