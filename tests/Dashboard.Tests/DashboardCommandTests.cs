using StockLakehouse.Cli.Tests;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Tests;

public sealed class DashboardCommandTests : IDisposable
{
    private const string RunId = "20260101T000000Z-0001";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Without_a_warehouse_the_command_says_what_to_run_and_writes_nothing()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", _folder);
        Assert.Equal(2, exitCode);
        Assert.Contains("There is no warehouse at", error, StringComparison.Ordinal);
        Assert.Contains("run 'make run'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    [Theory]
    [InlineData("--chart-sessions", "0", "--chart-sessions must be at least 1, not 0.")]
    [InlineData("--chart-symbols", "-1", "--chart-symbols must be 0 or more, not -1.")]
    [InlineData("--symbols", "AAPL,not a symbol", "--symbols: 'not a symbol' is not a valid symbol.")]
    public async Task Bad_options_are_usage_errors_that_name_the_value(string option, string value, string message)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", Path.GetTempPath(), option, value);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void This_build_embeds_the_charting_library_that_make_dashboard_installs()
    {
        // make test installs it (dashboard-web) before building; without it the command stops with the sentence below.
        Assert.True(DashboardBuilder.HasChartingLibrary, DashboardBuilder.MissingChartingLibrary);
        Assert.Contains("run 'make dashboard'", DashboardBuilder.MissingChartingLibrary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lake_that_does_not_exist_is_a_usage_error_naming_it()
    {
        EmptyWarehouse();
        var lake = Path.Combine(_folder, "no-such-lake");
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", _folder, "--lake", lake);
        Assert.Equal(2, exitCode);
        Assert.Contains($"The lake '{lake}' does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "dashboard", "index.html")));
    }

    [Fact]
    public async Task A_cloud_storage_lake_is_a_usage_error()
    {
        EmptyWarehouse();
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", _folder, "--lake", "gs://bucket/lake");
        Assert.Equal(2, exitCode);
        Assert.Contains("--lake 'gs://bucket/lake' is in Cloud Storage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_run_manifest_stops_the_page_with_a_sentence_naming_it()
    {
        EmptyWarehouse();
        var manifest = LakeFile(LakeLayout.Manifest(RunId), "{\"run_id\": \"cut short");
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", _folder);
        Assert.Equal(3, exitCode);
        Assert.StartsWith($"lakehouse dashboard: The run manifest '{manifest}' is not one the pipeline writes", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "dashboard", "index.html")));
    }

    [Fact]
    public async Task A_malformed_quarantine_line_stops_the_page_with_a_sentence_naming_the_file_and_line()
    {
        EmptyWarehouse();
        LakeFile(
            LakeLayout.Manifest(RunId),
            $$$"""
            {"run_id": "{{{RunId}}}", "command": "run", "status": "succeeded", "started_at": "2026-01-01T00:00:00Z",
             "stages": [{"stage": "silver", "duration_ms": 5, "records_in": 2, "records_out": 1, "rejects": {"bad_price": 1}}],
             "checks": []}
            """);
        var rejects = LakeFile(
            LakeLayout.Quarantine("silver", "daily_bar", RunId),
            "{\"table\": \"daily_bar\", \"symbol\": \"AAPL\", \"reason\": \"bad_price\", \"detail\": \"close -1\"}\nnot json\n");
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", _folder);
        Assert.Equal(3, exitCode);
        Assert.StartsWith($"lakehouse dashboard: Line 2 of the quarantine file '{rejects}' is not a rejected record", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A warehouse with every gold table and mart, empty, and an empty lake beside it.</summary>
    private void EmptyWarehouse()
    {
        using (var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "warehouse", "lakehouse.duckdb")))
        {
            warehouse.EnsureTables(SchemaCatalog.LoadDefault());
            warehouse.CreateMarts(MartCatalog.LoadDefault());
        }

        Directory.CreateDirectory(Path.Combine(_folder, "lake"));
    }

    private string LakeFile(string key, string text)
    {
        var path = Path.Combine(_folder, "lake", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
