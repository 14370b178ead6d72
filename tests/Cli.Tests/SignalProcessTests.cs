namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM in the middle of a stage (silver, or the load once it has recorded itself as started
/// and loaded its first table), with a real process: the run stops between batches (the load interrupts DuckDB's
/// running statement, so the load stage never finishes and stays uncommitted), prints a "cancelled" line, writes its
/// manifest as cancelled, leaves no staging file, no DuckDB write-ahead log and no lock holder behind, and exits 130
/// for either signal — nothing ends it before it has done so (System.CommandLine's handler used to end it two seconds
/// after the signal, with 143 for SIGTERM, no manifest and the .wal left). Check is not signalled here: it takes some
/// 0.3 s of this run, too short to be caught reliably. A kill -9 mid-load leaves a warehouse that check refuses until
/// a rerun of load commits it, and the rerun leaves nothing of the killed run behind.
/// </summary>
public sealed class SignalProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("TERM", "silver")]
    [InlineData("INT", "silver")]
    [InlineData("TERM", "load")]
    [InlineData("INT", "load")]
    public async Task A_signal_mid_stage_stops_the_run_with_exit_130_a_cancelled_manifest_and_nothing_left_behind(string signal, string stage)
    {
        using var cli = CliProcess.Start(null, LongRun.Arguments(_folder.Path));
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        if (stage == "load")
        {
            await LongRun.WaitForLoadAsync(cli, _folder.Path);
        }
        else
        {
            await LongRun.WaitForSilverAsync(cli, _folder.Path);
        }

        await LongRun.SignalAsync(cli, signal);
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        var output = await cli.OutputAsync();

        Assert.True(code == ExitCodes.Cancelled, output);
        Assert.Contains("lakehouse run: cancelled", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(LongRun.Manifest(_folder.Path)));
        Assert.Equal("cancelled", document.RootElement.GetProperty("status").GetString());
        Assert.Empty(LongRun.StagingFiles(_folder.Path));
        Assert.False(File.Exists(Path.Combine(LongRun.Lake(_folder.Path), "_state", "writer.json")), "The cancelled run left its description of the lock behind.");
        Assert.False(File.Exists(warehouse + ".wal"), "The run left DuckDB's write-ahead log behind.");
        var finished = document.RootElement.GetProperty("stages").EnumerateArray().Select(r => r.GetProperty("stage").GetString()).ToArray();
        if (stage == "silver")
        {
            Assert.False(File.Exists(warehouse), "The run went on to load after the signal.");
        }
        else
        {
            // The signal came once the load had recorded itself as started and loaded its first table; the load was
            // stopped there, not waited for: no load stage record, and load_state still says this run's load did not commit.
            Assert.Contains("gold", finished);
            Assert.DoesNotContain("load", finished);
            var runId = document.RootElement.GetProperty("run_id").GetString()!;
            Assert.Equal(1, LoadStateRows(warehouse, $"run_id = '{runId}' AND NOT committed"));
            Assert.Equal(0, LoadStateRows(warehouse, "committed"));
        }
    }

    [Fact]
    public async Task A_kill_mid_load_is_refused_by_check_and_a_rerun_commits_the_load_and_leaves_nothing_behind()
    {
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        using (var cli = CliProcess.Start(null, LongRun.Arguments(_folder.Path)))
        {
            await LongRun.WaitForLoadAsync(cli, _folder.Path);
            await LongRun.SignalAsync(cli, "KILL");
            await cli.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // What a kill mid-load leaves: the lock's description, DuckDB's write-ahead log (the load's committed
        // transactions, not yet checkpointed into the database file) and a load_state that says the load did not commit.
        Assert.True(File.Exists(Path.Combine(LongRun.Lake(_folder.Path), "_state", "writer.json")), "The kill came too late to leave anything behind.");
        Assert.True(File.Exists(warehouse + ".wal"), "The kill mid-load left no DuckDB write-ahead log.");

        var (refused, why) = await CliProcess.RunAsync(null, "check", "--out", _folder.Path, "--end", "2025-12-31");
        Assert.True(refused == ExitCodes.StageFailed, why);
        Assert.Contains("run load", why, StringComparison.Ordinal);

        var (loaded, log) = await CliProcess.RunAsync(null, "load", "--out", _folder.Path);
        Assert.True(loaded == ExitCodes.Success, log);
        var (checkedCode, checks) = await CliProcess.RunAsync(null, "check", "--out", _folder.Path, "--end", "2025-12-31");
        Assert.True(checkedCode == ExitCodes.Success, checks);

        Assert.Equal(1, LoadStateRows(warehouse, "committed"));
        Assert.Empty(LongRun.StagingFiles(_folder.Path));
        Assert.False(File.Exists(Path.Combine(LongRun.Lake(_folder.Path), "_state", "writer.json")), "The rerun left the killed run's description of the lock behind.");
        Assert.False(File.Exists(warehouse + ".wal"), "The rerun left DuckDB's write-ahead log behind.");
    }

    /// <summary>Rows of the warehouse's load_state that satisfy <paramref name="condition"/> (the table must exist: the load created it).</summary>
    private static long LoadStateRows(string warehouse, string condition) =>
        Warehouse.Scalar(warehouse, $"SELECT COUNT(*) FROM {Core.Warehouse.LoadStateSql.TableName} WHERE {condition}");
}
