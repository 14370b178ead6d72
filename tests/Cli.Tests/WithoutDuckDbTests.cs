namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The published CLI without DuckDB's native library, as an extractor container may be: extract never touches
/// Parquet, so it runs; a stage that needs DuckDB fails saying how to get it. Runs the CLI as a separate process
/// from a copy of its files without libduckdb.so (in-process, the library would already be loaded).
/// </summary>
public sealed class WithoutDuckDbTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Extract_runs_without_duckdb_and_transform_says_what_is_missing()
    {
        var app = Path.Combine(_root, "app");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == "libduckdb.so")
            {
                continue;
            }

            var target = Path.Combine(app, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var output = Path.Combine(_root, "out");

        var extract = await CliProcess.RunAsync(app, "extract", "--out", output, "--symbols", "AAPL", "--start", "2025-01-02", "--end", "2025-01-10");
        var transform = await CliProcess.RunAsync(app, "transform", "--out", output);

        Assert.True(extract.Code == ExitCodes.Success, extract.Output);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "lake", "raw"), "AAPL-*.json", SearchOption.AllDirectories));
        Assert.Equal(ExitCodes.StageFailed, transform.Code);
        Assert.Contains("DuckDB's native library could not be loaded", transform.Output, StringComparison.Ordinal);
        Assert.Contains("make duckdb", transform.Output, StringComparison.Ordinal);
    }
}
