using System.Diagnostics;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// A <c>lakehouse run</c> long enough to be caught mid-stage: every reference company over 2000–2025 on the simulated
/// market (about 650,000 bars; some 30 s here), and ways to wait for it to reach silver or the load and to signal it.
/// </summary>
internal static class LongRun
{
    public static string[] Arguments(string folder) => ["run", "--out", folder, "--start", "2000-01-01", "--end", "2025-12-31", "--parallelism", "2"];

    public static string Lake(string folder) => Path.Combine(folder, "lake");

    /// <summary>Waits until the process writes silver partitions (it then holds the lake's lock and is mid-stage).</summary>
    public static async Task WaitForSilverAsync(CliProcess cli, string folder)
    {
        var silver = Path.Combine(Lake(folder), "silver", "daily_bar");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Directory.Exists(silver) || !Directory.EnumerateFiles(silver, "part-0.parquet", SearchOption.AllDirectories).Any())
        {
            Assert.True(DateTime.UtcNow < deadline && !cli.Process.HasExited, "The run did not reach silver within two minutes.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the run's <c>log.json</c> records the load stage's first loaded table. The load has then recorded
    /// itself as started in the warehouse's load_state (an uncommitted row for the run) and is loading the next table,
    /// the fact tables (most of the load) still to come.
    /// </summary>
    public static async Task WaitForLoadAsync(CliProcess cli, string folder)
    {
        var runs = Path.Combine(Lake(folder), "_runs");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!Directory.Exists(runs) || !Directory.EnumerateFiles(runs, "log.json", SearchOption.AllDirectories).Any(LoggedALoadedTable))
        {
            Assert.True(DateTime.UtcNow < deadline && !cli.Process.HasExited, "The run did not load its first warehouse table within five minutes.");
            await Task.Delay(50);
        }
    }

    /// <summary>The path of the run's one manifest.</summary>
    public static string Manifest(string folder) =>
        Directory.GetFiles(Path.Combine(Lake(folder), "_runs"), "manifest.json", SearchOption.AllDirectories).Single();

    /// <summary>Sends <paramref name="signal"/> (INT, TERM, KILL) to the process, as <c>kill</c> would.</summary>
    public static async Task SignalAsync(CliProcess cli, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, cli.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Staging files anywhere in the lake, lock files aside (they are kept on purpose).</summary>
    public static string[] StagingFiles(string folder) =>
        Directory.EnumerateFiles(Lake(folder), Core.Lake.ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Core.Lake.ObjectKey.StagingPrefix + "locks", StringComparison.Ordinal))
            .ToArray();

    /// <summary>Whether <paramref name="log"/> (written as the run goes, so read sharing it) holds a "Loaded {Table}" event.</summary>
    private static bool LoggedALoadedTable(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains("\"MessageTemplate\":\"Loaded {Table}", StringComparison.Ordinal);
    }
}
