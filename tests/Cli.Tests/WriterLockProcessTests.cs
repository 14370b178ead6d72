using System.Globalization;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// One writer per lake, with real processes: while one run writes the lake a second fails at once with exit 2 and a
/// sentence naming the first; once the first is killed (kill -9) the operating system frees its lock, and the next run
/// takes the lake over, says so, and sweeps what the killed run left behind.
/// </summary>
public sealed class WriterLockProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_second_run_on_a_lake_being_written_exits_2_naming_the_holder_and_a_run_after_a_kill_takes_over()
    {
        int holder;
        using (var first = CliProcess.Start(null, LongRun.Arguments(_folder.Path)))
        {
            holder = first.Process.Id;
            await LongRun.WaitForSilverAsync(first, _folder.Path);

            var started = DateTime.UtcNow;
            var (code, output) = await CliProcess.RunAsync(null, "transform", "--out", _folder.Path, "--symbols", "AAPL");

            Assert.True(code == ExitCodes.UsageError, output);
            Assert.Contains($"process {holder.ToString(CultureInfo.InvariantCulture)} on {Environment.MachineName} ('lakehouse run'", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.False(first.Process.HasExited, "The first run ended before the second was refused, so the refusal proves nothing.");
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "The second run waited instead of failing at once.");

            await LongRun.SignalAsync(first, "KILL");
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Whatever the kill left is no partition file or tail, which is what a reader takes for rows.
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(LongRun.Lake(_folder.Path), "silver"), "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f) is not (LakeLayout.PartFileName or LakeLayout.TailFileName));

        var (again, log) = await CliProcess.RunAsync(null, "transform", "--out", _folder.Path, "--symbols", "AAPL", "--end", "2025-12-31");

        Assert.True(again == ExitCodes.Success, log);
        Assert.Contains($"Took over the writer lock of lake {LongRun.Lake(_folder.Path)} from process {holder.ToString(CultureInfo.InvariantCulture)}", log, StringComparison.Ordinal);
        Assert.Empty(LongRun.StagingFiles(_folder.Path));
        Assert.False(File.Exists(Path.Combine(LongRun.Lake(_folder.Path), "_state", "writer.json")), "A finished run left its description of the lock behind.");
    }
}
