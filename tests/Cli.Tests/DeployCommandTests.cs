namespace StockLakehouse.Cli.Tests;

/// <summary><c>lakehouse deploy --dry-run</c> from the command line: the options that change terraform's conventional names reach the plan.</summary>
public sealed class DeployCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[] Deploy(string folder, params string[] more) =>
        ["deploy", "--dry-run", "--date", "2025-01-10", "--project", "proj-1234", "--region", "europe-west1", "--bucket", "lake-bucket", "--dataset", "lakehouse", "--out", folder, .. more];

    [Fact]
    public async Task Dry_run_sends_no_staging_bucket_because_runtime_3_does_not_use_one()
    {
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "AAPL", "--start", "2025-01-02", "--end", "2025-01-10")).ExitCode);

        var (code, output, error) = await CliRunner.RunAsync(Deploy(_folder.Path));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("\"authenticationConfig\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("stagingBucket", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staging_bucket_option_is_gone()
    {
        var (code, _, _) = await CliRunner.RunAsync(Deploy(_folder.Path, "--staging-bucket", "acme-staging"));

        Assert.Equal(ExitCodes.UsageError, code);
    }
}
