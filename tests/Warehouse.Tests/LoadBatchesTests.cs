using StockLakehouse.Warehouse.Tests.Stage;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// How a load splits changed partitions into transactions (<see cref="LoadBatches"/>): whole ones first, bounded ones
/// grouped by the month of their change and by the change file holding their rows, each batch bounded by its earliest
/// change and reading a change file only when all of its partitions' rows there start on or before that bound.
/// </summary>
public sealed class LoadBatchesTests
{
    private static readonly TableSchema Table = TestLake.DatedPrices;

    private static readonly DateOnly Jan2 = new(2026, 1, 2);
    private static readonly DateOnly Jan5 = new(2026, 1, 5);
    private static readonly DateOnly Feb2 = new(2026, 2, 2);
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private static KnownPartition Changed(DateOnly since, string? file = null, DateOnly? from = null) =>
        new("new", new PartitionChange("old", since) { Rows = file is null ? null : new ChangedRows(file, from ?? Jan1) });

    private static IReadOnlyList<LoadBatch> Plan(Dictionary<string, KnownPartition> known, int batchSize = 500)
    {
        var values = known.Keys.Order(StringComparer.Ordinal).ToArray();
        return LoadBatches.Plan(Table, values, Enumerable.Range(0, values.Length).ToArray(), values.ToDictionary(v => v, _ => "old"), known, batchSize);
    }

    private static string Describe(IReadOnlyList<LoadBatch> batches, Dictionary<string, KnownPartition> known)
    {
        var values = known.Keys.Order(StringComparer.Ordinal).ToArray();
        return string.Join(" | ", batches.Select(b => $"{string.Join(",", b.Partitions.Select(i => values[i]))} from {b.Since?.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} via {b.RowsFile ?? "files"}"));
    }

    [Fact]
    public void Partitions_of_one_month_and_change_file_share_a_batch_that_reads_the_file()
    {
        var known = new Dictionary<string, KnownPartition>
        {
            ["AAA"] = Changed(Jan5, "r1"),
            ["BBB"] = Changed(Jan2, "r1"),
            ["CCC"] = Changed(Jan5, "r2"),
            ["DDD"] = Changed(Jan5),
            ["EEE"] = Changed(Feb2, "r1", new DateOnly(2026, 2, 1)),
            ["FFF"] = new("new"),
        };

        var batches = Plan(known);

        // FFF has no change and goes whole, first; then January by change file (r1, r2, none), then February.
        Assert.Equal(
            "FFF from - via files | BBB,AAA from 01-02 via r1 | CCC from 01-05 via r2 | DDD from 01-05 via files | EEE from 02-02 via r1",
            Describe(batches, known));
    }

    [Fact]
    public void A_batch_whose_bound_is_before_a_partitions_rows_in_the_file_reads_the_partition_files()
    {
        // BBB's change, on 2 January, bounds the batch; AAA's rows in the file start on 5 January, after it.
        var known = new Dictionary<string, KnownPartition>
        {
            ["AAA"] = Changed(Jan5, "r1", Jan5),
            ["BBB"] = Changed(Jan2, "r1", Jan1),
        };

        Assert.Equal("BBB,AAA from 01-02 via files", Describe(Plan(known), known));
    }

    [Fact]
    public void A_change_from_a_file_the_warehouse_did_not_load_is_merged_whole_and_batches_read_from_files_respect_their_size()
    {
        var known = new Dictionary<string, KnownPartition>
        {
            ["AAA"] = new("new", new PartitionChange("older", Jan5) { Rows = new ChangedRows("r1", Jan1) }),
            ["BBB"] = Changed(Jan5, "r1"),
            ["CCC"] = Changed(Jan5, "r1"),
            ["DDD"] = Changed(Jan5, "r1"),
            ["EEE"] = Changed(Jan5),
            ["FFF"] = Changed(Jan5),
            ["GGG"] = Changed(Jan5),
            ["HHH"] = new("new"),
            ["III"] = new("new"),
            ["JJJ"] = new("new"),
        };

        // The batches that read a change file hold a day's few rows per partition whatever their number, so they are
        // not cut: one scan of the table per file and month instead of one per batch size.
        Assert.Equal(
            "AAA,HHH from - via files | III,JJJ from - via files | BBB,CCC,DDD from 01-05 via r1 | EEE,FFF from 01-05 via files | GGG from 01-05 via files",
            Describe(Plan(known, batchSize: 2), known));
    }

    [Fact]
    public void The_period_of_a_change_follows_the_tables_time_partitioning()
    {
        Assert.Equal(new DateOnly(2026, 3, 1), LoadSql.PeriodStart(Table, new DateOnly(2026, 3, 17)));
        Assert.Equal(new DateOnly(2026, 1, 1), LoadSql.PeriodStart(Table with { Partitioning = new Partitioning("trade_date", "YEAR") }, new DateOnly(2026, 3, 17)));
        Assert.Equal(new DateOnly(2026, 3, 17), LoadSql.PeriodStart(Table with { Partitioning = new Partitioning("trade_date", "DAY") }, new DateOnly(2026, 3, 17)));
        var error = Assert.Throws<ArgumentException>(() => LoadSql.PeriodStart(Table with { Partitioning = new Partitioning("trade_date", "HOUR") }, Jan2));
        Assert.Contains("'HOUR'", error.Message, StringComparison.Ordinal);
    }
}
