namespace StockLakehouse.Cli.Tests;

public sealed class CheckFailureTests
{
    [Fact]
    public async Task Check_CorruptedWarehouse_ExitsOneListingEachFailedCheckWithSampleRows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string[] common = ["--out", folder, "--symbols", "KO,PEP", "--start", "2024-11-01", "--end", "2024-12-31"];
            Assert.Equal(0, (await CliRunner.RunAsync(["run", .. common])).ExitCode);
            var warehouse = Path.Combine(folder, "warehouse", "lakehouse.duckdb");
            Warehouse.Execute(warehouse, """
                UPDATE fact_stock_price SET low = high + 1 WHERE symbol = 'KO' AND trade_date = DATE '2024-12-02';
                DELETE FROM dim_exchange WHERE mic = 'XNYS';
                """);

            var (code, output, _) = await CliRunner.RunAsync(["check", .. common]);

            Assert.Equal(ExitCodes.ChecksFailed, code);
            Assert.Contains("fact_stock_price.ohlc_consistent", output, StringComparison.Ordinal);
            Assert.Contains("trade_date=2024-12-02", output, StringComparison.Ordinal);
            Assert.Contains("fact_stock_price.exchange_exists", output, StringComparison.Ordinal);
            Assert.Contains("dim_company.exchange_exists", output, StringComparison.Ordinal);
            Assert.DoesNotContain("fact_stock_price.key_unique", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Check_FreshnessWhenTheLatestDayIsMissing_Fails()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string[] common = ["--out", folder, "--symbols", "KO", "--start", "2024-11-01", "--end", "2024-12-31"];
            Assert.Equal(0, (await CliRunner.RunAsync(["run", .. common])).ExitCode);
            Warehouse.Execute(Path.Combine(folder, "warehouse", "lakehouse.duckdb"), "DELETE FROM fact_stock_price WHERE trade_date = DATE '2024-12-31'");

            var (code, output, _) = await CliRunner.RunAsync(["check", .. common]);

            Assert.Equal(ExitCodes.ChecksFailed, code);
            Assert.Contains("fact_stock_price.fresh", output, StringComparison.Ordinal);
            Assert.Contains("Expected 2024-12-31", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
