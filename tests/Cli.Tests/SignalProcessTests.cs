using System.Text.Json;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM in the middle of a stage, with a real process: the run stops between batches (the
/// load, whose queries run on, at its end), prints a "cancelled" line, writes its manifest as cancelled, leaves no
/// staging file, no DuckDB write-ahead log and no lock holder behind, and exits 130 for either signal — nothing ends
/// it before it has done so (System.CommandLine's handler used to end it two seconds after the signal, with 143 for
/// SIGTERM, no manifest and the .wal left).
/// </summary>
public sealed class SignalProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("TERM", "silver")]
    [InlineData("INT", "silver")]
    [InlineData("TERM", "load")]
    public async Task A_signal_mid_stage_stops_the_run_with_exit_130_a_cancelled_manifest_and_nothing_left_behind(string signal, string stage)
    {
        using var cli = CliProcess.Start(null, LongRun.Arguments(_folder));
        var warehouse = Path.Combine(_folder, "warehouse", "lakehouse.duckdb");
        if (stage == "load")
        {
            await LongRun.WaitForFileAsync(cli, warehouse);
        }
        else
        {
            await LongRun.WaitForSilverAsync(cli, _folder);
        }

        await LongRun.SignalAsync(cli, signal);
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        var output = await cli.OutputAsync();

        Assert.True(code == ExitCodes.Cancelled, output);
        Assert.Contains("lakehouse run: cancelled", output, StringComparison.Ordinal);
        var manifest = Directory.GetFiles(Path.Combine(LongRun.Lake(_folder), "_runs"), "manifest.json", SearchOption.AllDirectories).Single();
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(manifest));
        Assert.Equal("cancelled", document.RootElement.GetProperty("status").GetString());
        Assert.Empty(LongRun.StagingFiles(_folder));
        Assert.False(File.Exists(Path.Combine(LongRun.Lake(_folder), "_state", "writer.json")), "The cancelled run left its description of the lock behind.");
        Assert.False(File.Exists(warehouse + ".wal"), "The run left DuckDB's write-ahead log behind.");
        if (stage == "silver")
        {
            Assert.False(File.Exists(warehouse), "The run went on to load after the signal.");
        }
    }
}
