using StockLakehouse.Cli.Tests;

namespace StockLakehouse.Dashboard.Tests;

public sealed class DashboardCommandTests
{
    [Fact]
    public async Task Without_a_warehouse_the_command_says_what_to_run_and_writes_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", "--out", folder);
        Assert.Equal(2, exitCode);
        Assert.Contains("There is no warehouse at", error, StringComparison.Ordinal);
        Assert.Contains("run 'make run'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
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
}
