using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace StockLakehouse.Warehouse.Tests.Stage;

/// <summary>Cancellation interrupts DuckDB's running statement, and a failing rollback never hides the error that caused it.</summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public void Cancelling_interrupts_the_running_statement_and_a_clean_close_leaves_no_wal()
    {
        var path = _lake.WarehousePath("w.duckdb");
        using var cancel = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        using (var warehouse = DuckDbWarehouse.Open(path))
        {
            warehouse.EnsureTable(TestLake.Prices);
            cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

            // Minutes of work uninterrupted: a sum over ten billion rows.
            var error = Assert.Throws<OperationCanceledException>(() => warehouse.Execute("CREATE TABLE big AS SELECT sum(i) AS total FROM range(10000000000) t(i)", cancel.Token));

            Assert.Equal(cancel.Token, error.CancellationToken);
            Assert.Contains("Interrupted", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(path + ".wal"), "The table created above sits in the write-ahead log until the close.");
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The interrupt took {watch.Elapsed}.");
        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".wal"), "A clean close checkpoints the write-ahead log away.");
    }

    [Fact]
    public void A_load_cancelled_between_batches_keeps_whole_batches_and_a_rerun_finishes_it()
    {
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        _lake.Write(symbols, 10, 100);
        var files = symbols.Select(_lake.PartitionFile).ToArray();
        using var cancel = new CancellationTokenSource();
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        warehouse.EnsureTable(TestLake.Prices);
        warehouse.LoadPartitions(TestLake.Prices, files, 2);
        _lake.Write(symbols, 10, 200);

        Assert.Throws<OperationCanceledException>(() => warehouse.LoadPartitions(TestLake.Prices, files, 2, new CancelAfterFirst(cancel), cancellationToken: cancel.Token));
        var partial = warehouse.Connection.Scalar<long>("SELECT count(*) FROM prices WHERE close >= 200");
        var rerun = warehouse.LoadPartitions(TestLake.Prices, files, 2);

        Assert.Equal(20L, partial);
        Assert.Equal((20L, 0L, 20L, 40L), (rerun.RowsRead, rerun.Inserted, rerun.Updated, rerun.RowsAfter));
        Assert.Equal(40L, warehouse.Connection.Scalar<long>("SELECT count(*) FROM prices WHERE close >= 200"));
    }

    [Fact]
    public void A_cancelled_first_load_leaves_the_table_empty_and_unrecorded()
    {
        _lake.Write(["AAA", "BBB", "CCC"], 10, 100);
        var files = new[] { "AAA", "BBB", "CCC" }.Select(_lake.PartitionFile).ToArray();
        using var cancel = new CancellationTokenSource();
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        warehouse.EnsureTable(TestLake.Prices);
        warehouse.Observer = sql =>
        {
            if (sql.StartsWith("INSERT INTO \"load_partitions\"", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => warehouse.LoadPartitions(TestLake.Prices, files, 2, null, cancellationToken: cancel.Token));
        warehouse.Observer = null;

        Assert.Equal(0L, warehouse.RowCount("prices"));
        Assert.Equal(0L, warehouse.RowCount("load_partitions"));
        Assert.Equal((30L, 30L), (warehouse.LoadPartitions(TestLake.Prices, files, 2).Inserted, warehouse.RowCount("prices")));
    }

    [Fact]
    public void A_failing_rollback_is_logged_and_the_original_error_is_the_one_thrown()
    {
        _lake.Write(["AAA"], 3, 10);
        var events = new List<LogEvent>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new ListSink(events)).CreateLogger();
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"), log);
        warehouse.EnsureTable(TestLake.Prices);
        warehouse.Observer = sql =>
        {
            if (sql.StartsWith("MERGE", StringComparison.Ordinal) || sql.StartsWith("INSERT INTO", StringComparison.Ordinal))
            {
                // The transaction ends underneath the load, then the disk fills: the ROLLBACK that follows has no
                // transaction to roll back and fails in its turn.
                warehouse.Connection.Execute("COMMIT");
                throw new IOException("No space left on device");
            }
        };

        var error = Assert.Throws<IOException>(() => warehouse.Load(TestLake.Prices, _lake.PartitionFile("AAA")));

        Assert.Equal("No space left on device", error.Message);
        var warning = Assert.Single(events, e => e.Level == LogEventLevel.Warning);
        Assert.Contains("no transaction is active", warning.Exception!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("prices", warning.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : IProgress<Core.Progress.StageProgress>
    {
        public void Report(Core.Progress.StageProgress value) => cancel.Cancel();
    }
}
