using System.Globalization;
using StockLakehouse.Cli.Options;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.TestSupport.Files;

namespace StockLakehouse.Cli.Tests.Pipeline;

/// <summary>
/// <c>lakehouse load</c> after a daily transform whose gold states record where each symbol's partitions changed: the
/// warehouse equals one loaded whole from the same lake where the changes are true, and a change dated after the new
/// session, which is not, leaves that session out: the bound reaches the load through the pipeline.
/// </summary>
public sealed class ChangedPartitionLoadTests : IDisposable
{
    private static readonly SchemaCatalog Schemas = SchemaCatalog.LoadDefault();
    private static readonly TableSchema Prices = Schemas[LakeNames.FactStockPrice];
    private static readonly string[] Symbols = ["KO", "PEP", "XOM"];
    private static readonly DateOnly Session = new(2024, 12, 31);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bounded => Path.Combine(_folder.Path, "bounded");

    private string Whole => Path.Combine(_folder.Path, "whole");

    private string[] Args(string command, DateOnly end) =>
        [command, "--out", Bounded, "--symbols", string.Join(",", Symbols), "--start", "2024-10-01", "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--parallelism", "2"];

    [Fact]
    public async Task The_load_merges_from_the_date_each_gold_state_records_and_equals_a_whole_load_where_those_dates_are_true()
    {
        await Succeeds(Args("run", Session.AddDays(-1)));
        var store = new LocalDirectoryObjectStore(Path.Combine(Bounded, "lake"));
        var before = new Dictionary<string, GoldPartitionState>(StringComparer.Ordinal);
        foreach (var symbol in Symbols)
        {
            before[symbol] = (await StageState.ReadAsync<GoldPartitionState>(store, StageState.Key(Prices, Symbol.Parse(symbol)), CancellationToken.None))!;
        }

        var earlierGold = Path.Combine(_folder.Path, "gold-before");
        LakeTables.CopyFolder(Path.Combine(Bounded, "lake", "gold"), earlierGold);
        await Succeeds([.. Args("extract", Session), "--mode", "daily"]);
        await Succeeds(Args("transform", Session));
        LakeTables.CopyFolder(Bounded, Whole);
        // KO and PEP get the first trade date where their new gold files differ from the earlier ones (true by
        // construction); XOM a date after every row it has, which is not.
        var since = FirstDifferences(earlierGold, Path.Combine(Bounded, "lake", "gold"));
        since["XOM"] = Session.AddDays(30);
        var records = new List<string>();
        foreach (var symbol in Symbols)
        {
            var key = StageState.Key(Prices, Symbol.Parse(symbol));
            var state = (await StageState.ReadAsync<GoldPartitionState>(store, key, CancellationToken.None))!;
            await StageState.WriteAsync(store, key, state with { Change = new GoldChange(before[symbol].Fingerprint!, since[symbol]) }, CancellationToken.None);
            records.Add($"{symbol}=gold:{state.Fingerprint}");
        }

        await Succeeds(["load", "--out", Bounded]);
        await Succeeds(["load", "--out", Whole]);

        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute($"ATTACH {DuckDbSql.Literal(CommonSettings.WarehouseIn(Bounded))} AS bounded (READ_ONLY); ATTACH {DuckDbSql.Literal(CommonSettings.WarehouseIn(Whole))} AS whole (READ_ONLY)");
        foreach (var table in new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            long Count(string sql) => connection.Scalar<long>(sql);
            string Rows(string warehouse, string symbols) => $"SELECT * FROM {warehouse}.{table} WHERE symbol IN ({symbols})";
            Assert.Equal(0L, Count($"SELECT count(*) FROM ({Rows("bounded", "'KO', 'PEP'")} EXCEPT ALL {Rows("whole", "'KO', 'PEP'")})"));
            Assert.Equal(0L, Count($"SELECT count(*) FROM ({Rows("whole", "'KO', 'PEP'")} EXCEPT ALL {Rows("bounded", "'KO', 'PEP'")})"));
            Assert.Equal(2L, Count($"SELECT count(*) FROM whole.{table} WHERE symbol IN ('KO', 'PEP') AND trade_date = DATE '2024-12-31'"));
            Assert.Equal((1L, 0L), (Count($"SELECT count(*) FROM whole.{table} WHERE symbol = 'XOM' AND trade_date = DATE '2024-12-31'"), Count($"SELECT count(*) FROM bounded.{table} WHERE symbol = 'XOM' AND trade_date = DATE '2024-12-31'")));
            Assert.Equal(
                string.Join(",", records),
                connection.Scalar<string>($"SELECT string_agg(partition_value || '=' || fingerprint, ',' ORDER BY partition_value) FROM bounded.load_partitions WHERE table_name = '{table}'"));
        }
    }

    /// <summary>Per symbol, the first trade date on which a fact or indicator row of <paramref name="after"/> differs from <paramref name="before"/>'s.</summary>
    private static Dictionary<string, DateOnly> FirstDifferences(string before, string after)
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        var first = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var table in new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            // Each partition's file and its tail, when it has one.
            string Files(string root) => $"read_parquet({DuckDbSql.Literal(Path.Combine(root, table, "*", "*.parquet"))})";
            var rows = connection.Query(
                $"SELECT symbol, CAST(min(trade_date) AS VARCHAR) AS since FROM ((SELECT * FROM {Files(after)} EXCEPT ALL SELECT * FROM {Files(before)}) UNION ALL (SELECT * FROM {Files(before)} EXCEPT ALL SELECT * FROM {Files(after)})) GROUP BY symbol");
            for (var i = 0; i < rows.RowCount; i++)
            {
                var symbol = (string)rows.Columns[0].GetValue(i)!;
                var date = DateOnly.Parse((string)rows.Columns[1].GetValue(i)!, CultureInfo.InvariantCulture);
                first[symbol] = first.TryGetValue(symbol, out var known) && known < date ? known : date;
            }
        }

        return first;
    }

    private static async Task Succeeds(params string[] args)
    {
        var (code, text, error) = await CliRunner.RunAsync(args);
        Assert.True(code == ExitCodes.Success, $"{string.Join(' ', args)} exited {code}:\n{error}\n{text}");
    }
}
