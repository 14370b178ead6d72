namespace StockLakehouse.Cli.Tests;

/// <summary>
/// A run on a full file system, for real: <c>unshare</c> gives the process a private mount namespace (no root
/// needed) in which a 400 KB tmpfs holds the output, so the extract fills it. The run must say plainly that the
/// device is full, exit 3 and print one line — not let the manifest it then cannot write either, nor the log's
/// flush, replace the stage's error.
/// </summary>
public sealed class FullDiskProcessTests : IDisposable
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public FullDiskProcessTests() => Directory.CreateDirectory(_mount);

    public void Dispose() => Directory.Delete(_mount, recursive: true);

    [Fact]
    public async Task A_full_disk_mid_extract_exits_3_saying_no_space_left_in_one_line()
    {
        var cli = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "lakehouse.dll")}' run --out '{_mount}/out' --symbols AAPL,MSFT,KO --start 2020-01-01 --end 2024-12-31";
        using var process = CliProcess.StartProgram("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", $"mount -t tmpfs -o size=400k tmpfs '{_mount}' && exec {cli}"]);

        var code = await process.WaitAsync(TimeSpan.FromMinutes(2));
        var output = await process.OutputAsync();

        Assert.True(code == ExitCodes.StageFailed, output);
        var failure = output.Split('\n').Single(l => l.StartsWith("lakehouse run:", StringComparison.Ordinal));
        Assert.StartsWith("lakehouse run: no space left on device", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("manifest.json", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
