namespace StockLakehouse.Cli.Tests;

public sealed class ArgumentErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_EndBeforeStart_ExitsWithUsageErrorAndSaysWhich()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--start", "2024-05-01", "--end", "2024-04-01");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--end 2024-04-01 is before --start 2024-05-01", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "lake")));
    }

    [Fact]
    public async Task Run_MissingSymbolsFile_ExitsWithUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols-file", Path.Combine(_folder.Path, "nope.txt"));

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("nope.txt' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OutputFolderThatCannotBeCreated_ExitsWithUsageError()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var (code, _, error) = await CliRunner.RunAsync("run", "--out", Path.Combine(file, "out"), "--symbols", "AAPL");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("is not writable", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--start", "2024-13-01", "is not a date in yyyy-MM-dd form")]
    [InlineData("--symbols", "NOPE", "NOPE is not in the company reference file")]
    [InlineData("--symbols", "BAD SYMBOL", "is not a ticker symbol")]
    [InlineData("--parallelism", "0", "--parallelism must be between 1 and 256")]
    public async Task Run_BadOptionValue_ExitsWithUsageErrorNamingIt(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, option, value);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SymbolsFile_SelectsItsSymbols()
    {
        var file = Path.Combine(_folder.Path, "symbols.txt");
        await File.WriteAllLinesAsync(file, ["symbol", "KO  # Coca-Cola", "", "PEP"]);

        var (code, output, error) = await CliRunner.RunAsync("extract", "--out", _folder.Path, "--symbols-file", file, "--start", "2024-12-01", "--end", "2024-12-31");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("2 symbols", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--colour", "red");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--colour", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndTheExitCodes()
    {
        var output = new StringWriter();
        var original = Console.Out;
        int code;
        Console.SetOut(output);
        try
        {
            code = (await CliRunner.RunAsync("--help")).ExitCode;
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "extract", "transform", "load", "check", "Exit codes" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("extract", "--source", "bloomberg", "--source 'bloomberg' is not a source; expected one of simulated, yahoo, alphavantage, import, reference")]
    [InlineData("extract", "--mode", "weekly", "--mode 'weekly' is not a mode")]
    [InlineData("extract", "--lookback", "-1", "--lookback must be between 0 and 260, not -1")]
    [InlineData("extract", "--base-url", "http://127.0.0.1:1/", "--base-url applies to --source yahoo or alphavantage, not simulated")]
    [InlineData("run", "--import-folder", "x", "--import-folder applies to --source import, not simulated")]
    [InlineData("transform", "--lake", "gs://stocklakehouse-lake", "A gs:// lake is for 'lakehouse extract' only")]
    [InlineData("extract", "--lake", "gs://Not_A_Bucket!", "--lake 'gs://Not_A_Bucket!'")]
    public async Task Extract_BadSourceOptions_ExitWithUsageErrorNamingThem(string command, string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync(command, "--out", _folder.Path, option, value);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--requests-per-second", "0")]
    [InlineData("--max-concurrency", "65")]
    [InlineData("--timeout", "-5")]
    [InlineData("--max-attempts", "0")]
    public async Task Extract_YahooLimitsOutOfRange_ExitWithUsageError(string option, string value)
    {
        var (code, _, error) = await CliRunner.RunAsync("extract", "--source", "yahoo", "--out", _folder.Path, "--symbols", "AAPL", option, value);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "42", "--seed applies to --source simulated, not yahoo")]
    [InlineData("--lookback", "3", "--lookback applies to --mode daily")]
    public async Task Extract_OptionsThatWouldBeIgnored_AreRefused(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("extract", "--source", "yahoo", "--out", _folder.Path, "--symbols", "AAPL", option, value);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_SourceMisconfigured_ExitsWithUsageErrorBeforeWritingAnything()
    {
        var (code, _, error) = await CliRunner.RunAsync("extract", "--source", "import", "--import-folder", Path.Combine(_folder.Path, "nowhere"), "--out", _folder.Path, "--symbols", "AAPL");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("needs an existing folder", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "lake", "_runs")), "no run folder, log or manifest for a run that never started");
    }

    [Fact]
    public async Task Check_WithoutAWarehouse_ExitsWithUsageErrorSayingLoadFirst()
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "--out", _folder.Path);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("run load first", error, StringComparison.Ordinal);
    }
}
