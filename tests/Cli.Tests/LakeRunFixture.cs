namespace StockLakehouse.Cli.Tests;

/// <summary>One small end-to-end run (10 symbols over 2024) shared by the tests that inspect its outputs.</summary>
public sealed class LakeRunFixture : IAsyncLifetime
{
    public static readonly string[] Symbols = ["AAPL", "MSFT", "BRK-B", "JPM", "XOM", "KO", "NVDA", "C", "PLD", "NEE"];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public string[] Arguments => ["run", "--out", Folder, "--symbols", string.Join(",", Symbols), "--start", "2024-01-01", "--end", "2024-12-31", "--parallelism", "2"];

    public (int ExitCode, string Output, string Error) FirstRun { get; private set; }

    public string WarehousePath => Path.Combine(Folder, "warehouse", "lakehouse.duckdb");

    public string LakePath => Path.Combine(Folder, "lake");

    public async Task InitializeAsync() => FirstRun = await CliRunner.RunAsync(Arguments);

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<JsonDocument> Manifests() =>
        Directory.EnumerateFiles(Path.Combine(LakePath, "_runs"), "manifest.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => JsonDocument.Parse(File.ReadAllBytes(f)))
            .ToArray();
}
