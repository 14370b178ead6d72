namespace StockLakehouse.Cli.Tests;

public sealed class CheckFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Check_CorruptedWarehouse_ExitsOneListingEachFailedCheckWithSampleRows()
    {
        string[] common = ["--out", _folder.Path, "--symbols", "KO,PEP", "--start", "2024-11-01", "--end", "2024-12-31"];
        Assert.Equal(0, (await CliRunner.RunAsync(["run", .. common])).ExitCode);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
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

    [Fact]
    public async Task Check_FreshnessWhenTheLatestDayIsMissing_Fails()
    {
        string[] common = ["--out", _folder.Path, "--symbols", "KO", "--start", "2024-11-01", "--end", "2024-12-31"];
        Assert.Equal(0, (await CliRunner.RunAsync(["run", .. common])).ExitCode);
        Warehouse.Execute(Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb"), "DELETE FROM fact_stock_price WHERE trade_date = DATE '2024-12-31'");

        var (code, output, _) = await CliRunner.RunAsync(["check", .. common]);

        Assert.Equal(ExitCodes.ChecksFailed, code);
        Assert.Contains("fact_stock_price.fresh", output, StringComparison.Ordinal);
        Assert.Contains("Expected 2024-12-31", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutDates_ExpectsTheEndOfTheRunThatBuiltTheWarehouse()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "KO", "--start", "2023-11-01", "--end", "2023-12-29")).ExitCode);

        var (code, output, error) = await CliRunner.RunAsync("check", "--out", _folder.Path);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("to 2023-12-29", output, StringComparison.Ordinal);

        // A transform without --end only defaulted its end date; it does not move what check expects.
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("transform", "--out", _folder.Path)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("load", "--out", _folder.Path)).ExitCode);
        var (again, againOutput, _) = await CliRunner.RunAsync("check", "--out", _folder.Path);

        Assert.True(again == ExitCodes.Success, againOutput);

        // Dates given still win: the warehouse is not as fresh as 2024-03-28 asks.
        var (stale, staleOutput, _) = await CliRunner.RunAsync("check", "--out", _folder.Path, "--end", "2024-03-28");

        Assert.Equal(ExitCodes.ChecksFailed, stale);
        Assert.Contains("Expected 2024-03-28", staleOutput, StringComparison.Ordinal);
    }
}
