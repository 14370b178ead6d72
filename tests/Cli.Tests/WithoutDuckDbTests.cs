namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The published CLI without DuckDB's native library, as an extractor or transform container may be: the lake's
/// Parquet is Parquet.Net's (managed code), so extract and transform run; only the warehouse stages need DuckDB, and
/// load fails saying what is missing. Runs the CLI as a separate process from a copy of its files without
/// libduckdb (in-process, the library would already be loaded).
/// </summary>
public sealed class WithoutDuckDbTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Extract_and_transform_run_without_duckdb_and_load_says_what_is_missing()
    {
        var app = Path.Combine(_root.Path, "app");
        var skipped = 0;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) is "libduckdb.so" or "libduckdb.dylib" or "duckdb.dll")
            {
                skipped++;
                continue;
            }

            var target = Path.Combine(app, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var output = Path.Combine(_root.Path, "out");

        var extract = await CliProcess.RunAsync(app, "extract", "--out", output, "--symbols", "AAPL", "--start", "2025-01-02", "--end", "2025-01-10");
        var transform = await CliProcess.RunAsync(app, "transform", "--out", output);
        var load = await CliProcess.RunAsync(app, "load", "--out", output);

        Assert.True(skipped > 0, "The test output holds no copy of DuckDB's native library to leave out.");
        Assert.True(extract.Code == ExitCodes.Success, extract.Output);
        Assert.True(transform.Code == ExitCodes.Success, transform.Output);
        Assert.True(File.Exists(Path.Combine(output, "lake", "gold", "fact_stock_price", "symbol=AAPL", "part-0.parquet")), transform.Output);
        Assert.Equal(ExitCodes.StageFailed, load.Code);
        Assert.Contains("DuckDB's native library could not be loaded", load.Output, StringComparison.Ordinal);
        Assert.Contains("DuckDB.NET.Data.Full", load.Output, StringComparison.Ordinal);
    }
}
