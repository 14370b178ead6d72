using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Tests.Support;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cloud.Tests.Warehouse;

/// <summary>
/// The statements each warehouse runs for one load of the same lake through the same <see cref="WarehouseStage"/>,
/// held exactly by a file per engine under <c>golden/</c>. A change to the shared load SQL changes both files, a
/// change to one engine's handling changes one; either way the difference is reviewed, not slipped in. On a
/// mismatch the statements run are written beside the golden file as <c>.actual</c>.
/// </summary>
public sealed class LoadStatementsGoldenTests : IDisposable
{
    private const string Run = "run1";
    private readonly TempFolder _folder = new();

    public LoadStatementsGoldenTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "marts"));
        File.WriteAllText(Path.Combine(_folder.Path, "marts", "marts.json"), """{"views": [], "correlation_symbols": ["KO"]}""");
    }

    private static TableSchema Table => Catalogs.Table("fact_stock_price");

    private MartCatalog Marts => MartCatalog.Load(Path.Combine(_folder.Path, "marts"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DuckDb_runs_the_statements_of_its_golden_file()
    {
        var lake = Path.Combine(_folder.Path, "lake");
        WritePartitions(lake, "KO", "PEP");
        var statements = new List<string>();
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder.Path, "w.duckdb"));
        warehouse.Observer = statements.Add;

        await new WarehouseStage(new DuckDbLakeWarehouse(warehouse, lake, 500), Marts, Serilog.Core.Logger.None).LoadAsync(Run, [Table], null, CancellationToken.None);

        Assert.Equal(2L, warehouse.RowCount(Table.Name));
        Golden("duckdb-load.sql", statements);
    }

    /// <summary>A second load, after KO's partition left the lake and XOM's arrived: PEP's unchanged file is not staged, XOM's is merged.</summary>
    [Fact]
    public async Task DuckDb_reloading_a_changed_lake_runs_the_statements_of_its_golden_file()
    {
        var lake = Path.Combine(_folder.Path, "lake");
        WritePartitions(lake, "KO", "PEP");
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder.Path, "w.duckdb"));
        var stage = new WarehouseStage(new DuckDbLakeWarehouse(warehouse, lake, 500), Marts, Serilog.Core.Logger.None);
        await stage.LoadAsync(Run, [Table], null, CancellationToken.None);
        Directory.Delete(Path.GetDirectoryName(Path.Combine(lake, LakeLayout.Partition(Table, "KO")))!, recursive: true);
        WritePartitions(lake, "XOM");
        var statements = new List<string>();
        warehouse.Observer = statements.Add;

        await stage.LoadAsync("run2", [Table], null, CancellationToken.None);

        Assert.Equal("PEP,XOM", warehouse.Connection.Scalar<string>("SELECT string_agg(symbol, ',' ORDER BY symbol) FROM fact_stock_price"));
        Golden("duckdb-reload.sql", statements);
    }

    /// <summary>
    /// A second load after PEP's file changed from 2025-01-02 on, from the file the first load recorded, as gold's state
    /// says: its delete and MERGE keep to the rows from that date on.
    /// </summary>
    [Fact]
    public async Task DuckDb_reloading_a_partition_changed_from_a_date_on_runs_the_statements_of_its_golden_file()
    {
        var lake = Path.Combine(_folder.Path, "lake");
        WritePartitions(lake, "KO", "PEP");
        var known = new Dictionary<string, KnownPartition> { ["KO"] = new("gold:ko-1"), ["PEP"] = new("gold:pep-1") };
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder.Path, "w.duckdb"));
        var stage = new WarehouseStage(new DuckDbLakeWarehouse(warehouse, lake, 500, new FixedFingerprints(known)), Marts, Serilog.Core.Logger.None);
        await stage.LoadAsync(Run, [Table], null, CancellationToken.None);
        known["PEP"] = new("gold:pep-2", new PartitionChange("gold:pep-1", new DateOnly(2025, 1, 2)));
        var statements = new List<string>();
        warehouse.Observer = statements.Add;

        await stage.LoadAsync("run2", [Table], null, CancellationToken.None);

        Assert.Equal("KO=gold:ko-1,PEP=gold:pep-2", warehouse.Connection.Scalar<string>("SELECT string_agg(partition_value || '=' || fingerprint, ',' ORDER BY partition_value) FROM load_partitions"));
        Golden("duckdb-reload-bounded.sql", statements);
    }

    [Fact]
    public async Task BigQuery_runs_the_statements_of_its_golden_file()
    {
        var handler = new ScriptedHandler(ServingCloud.Answer);
        var clock = new RecordingClock(Clients.Start);
        using var bucket = new LakeBucket();
        bucket.Put(Table, "KO", "ko");
        bucket.Put(Table, "PEP", "pep");
        var engine = new BigQueryLakeWarehouse(Clients.Warehouse(handler, clock), bucket.Store, Clients.Bucket, Run, Catalogs.Schemas, Marts, Serilog.Core.Logger.None);

        await new WarehouseStage(engine, Marts, Serilog.Core.Logger.None).LoadAsync(Run, [Table], null, CancellationToken.None);

        var statements = handler.Requests
            .Where(ServingCloud.IsJobInsert)
            .Select(r => r.Json["configuration"]!["query"]?["query"]?.GetValue<string>().TrimEnd()
                ?? $"-- load job: {string.Join(", ", r.Json["configuration"]!["load"]!["sourceUris"]!.AsArray())} into {r.Json["configuration"]!["load"]!["destinationTable"]!["tableId"]}");
        Golden("bigquery-load.sql", statements);
    }

    private static void Golden(string name, IEnumerable<string> statements)
    {
        var actual = string.Join("\n\n", statements.Select(s => s.StartsWith("-- load job", StringComparison.Ordinal) ? s : s.TrimEnd().TrimEnd(';') + ";")) + "\n";
        var path = Path.Combine(RepositoryRoot.Find(), "tests", "Cloud.Tests", "Warehouse", "golden", name);
        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (expected != actual)
        {
            File.WriteAllText(path + ".actual", actual);
        }

        Assert.True(expected == actual, $"The statements run differ from {path}; they are in {path}.actual.");
    }

    /// <summary>One row per symbol for every column of fact_stock_price, written where the lake keeps its partitions.</summary>
    private static void WritePartitions(string lake, params string[] symbols)
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        foreach (var symbol in symbols)
        {
            var file = Path.Combine(lake, LakeLayout.Partition(Table, symbol));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var columns = Table.Fields.Select(f => $"{Value(f, symbol)} AS {DuckDbSql.Identifier(f.Name)}");
            connection.Execute($"COPY (SELECT {string.Join(", ", columns)}) TO {DuckDbSql.Literal(file)} (FORMAT parquet)");
        }
    }

    /// <summary>A writer's record of the partitions, as the test sets it.</summary>
    private sealed class FixedFingerprints(IReadOnlyDictionary<string, KnownPartition> known) : IPartitionFingerprintSource
    {
        public Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, KnownPartition>>(new Dictionary<string, KnownPartition>(known));
    }

    private static string Value(FieldSchema field, string symbol) => field.ColumnType switch
    {
        ColumnType.String => DuckDbSql.Literal(field.Name == "symbol" ? symbol : "x"),
        ColumnType.Int64 or ColumnType.Int32 => "CAST(1 AS BIGINT)",
        ColumnType.Double => "CAST(1.5 AS DOUBLE)",
        ColumnType.Date => "DATE '2025-01-02'",
        ColumnType.Timestamp => "TIMESTAMP '2025-01-02 21:00:00'",
        ColumnType.Boolean => "TRUE",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.ColumnType, "No test value for the column type."),
    };
}
