namespace StockLakehouse.Cli.Tests;

public sealed class SymbolArgumentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("AAPL,..")]
    public async Task Extract_DotsAsASymbol_ExitWithUsageErrorBeforeAnythingIsWritten(string symbols)
    {
        var (code, _, error) = await CliRunner.RunAsync("extract", "--source", "yahoo", "--out", _folder.Path, "--symbols", symbols, "--start", "2024-12-02", "--end", "2024-12-06");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("is not a ticker symbol", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "lake")));
    }

    [Fact]
    public async Task Extract_ASymbolsFileWithQuotedCsvFields_SelectsItsSymbols()
    {
        var file = Path.Combine(_folder.Path, "symbols.csv");
        await File.WriteAllLinesAsync(file, ["\"symbol\",\"name\"", "\"KO\",\"The Coca-Cola Company, Inc.\"", "\"PEP\",\"PepsiCo\""]);

        var (code, output, error) = await CliRunner.RunAsync("extract", "--out", _folder.Path, "--symbols-file", file, "--start", "2024-12-01", "--end", "2024-12-31");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("2 symbols", output, StringComparison.Ordinal);
    }
}
