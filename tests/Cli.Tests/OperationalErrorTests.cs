namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Errors an operator meets (an unwritable warehouse folder, a range without a session, a corrupt file, leftovers of
/// a killed run) are found before anything runs where they can be, and otherwise said in one line naming the file,
/// with the stack trace in log.json only.
/// </summary>
public sealed class OperationalErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Lake => Path.Combine(_folder.Path, "lake");

    [Fact]
    public async Task Run_UnwritableWarehouseFolder_ExitsWithUsageErrorBeforeExtracting()
    {
        // A file where the warehouse folder should be: no folder can be made there.
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "warehouse"), "not a folder");

        var (code, _, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "AAPL", "--start", "2024-01-02", "--end", "2024-01-31");

        Assert.True(code == ExitCodes.UsageError, error);
        Assert.Contains($"The warehouse folder '{Path.Combine(_folder.Path, "warehouse")}' is not writable", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Lake, "raw")), "The run extracted before finding that it could not load.");
    }

    [Fact]
    public async Task Run_RangeOfHolidaysOnly_ExitsWithUsageErrorSayingThereIsNoSession()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "AAPL", "--start", "2024-12-25", "--end", "2024-12-25");

        Assert.True(code == ExitCodes.UsageError, error);
        Assert.Contains("There is no NYSE session from 2024-12-25 to 2024-12-25 (2024-12-25 Christmas", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Lake, "raw")));
    }

    [Fact]
    public async Task Transform_FreshStagingLeftovers_AreSweptAtStartBecauseTheRunHoldsTheLake()
    {
        var (extracted, _, extractError) = await CliRunner.RunAsync("extract", "--out", _folder.Path, "--symbols", "AAPL", "--start", "2024-01-02", "--end", "2024-01-31");
        Assert.True(extracted == ExitCodes.Success, extractError);
        // What a writer killed a moment ago leaves: a staging file in the staging folder, and one in a partition
        // folder as earlier versions wrote them, where it breaks read_parquet('silver/daily_bar/*/*.parquet').
        var partition = Directory.CreateDirectory(Path.Combine(Lake, "silver", "daily_bar", "symbol=AAPL")).FullName;
        var inPartition = Path.Combine(partition, ".staging-0123456789abcdef-part-0.parquet");
        var inStaging = Path.Combine(Directory.CreateDirectory(Path.Combine(Lake, ".staging-files")).FullName, ".staging-fedcba9876543210-part-0.parquet");
        await File.WriteAllBytesAsync(inPartition, []);
        await File.WriteAllBytesAsync(inStaging, []);

        var (code, _, error) = await CliRunner.RunAsync("transform", "--out", _folder.Path, "--symbols", "AAPL", "--end", "2024-01-31");

        Assert.True(code == ExitCodes.Success, error);
        Assert.False(File.Exists(inPartition));
        Assert.False(File.Exists(inStaging));
        Assert.Equal(["part-0.parquet"], Directory.GetFiles(partition).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Load_CorruptWarehouseFile_ExitsWithStageFailedInOneLineNamingTheFile()
    {
        var (built, _, buildError) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "AAPL", "--start", "2024-01-02", "--end", "2024-01-31");
        Assert.True(built is ExitCodes.Success or ExitCodes.ChecksFailed, buildError);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        await File.WriteAllTextAsync(warehouse, "this is no DuckDB database, but a file an accident overwrote");

        var (code, output) = await CliProcess.RunAsync(null, "load", "--out", _folder.Path);

        Assert.True(code == ExitCodes.StageFailed, output);
        var failure = Assert.Single(output.Split('\n'), l => l.StartsWith("lakehouse load:", StringComparison.Ordinal));
        Assert.Contains(warehouse, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        // The load's own run folder, found by its manifest: run ids sort by the second they started in, and the build
        // before it can start within the same second.
        var loadRun = Directory.GetDirectories(Path.Combine(Lake, "_runs"))
            .Single(d => File.Exists(Path.Combine(d, "manifest.json"))
                && JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "manifest.json"))).RootElement.GetProperty("command").GetString() == "load");
        var log = Path.Combine(loadRun, "log.json");
        Assert.Contains("   at ", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }
}
