using System.Diagnostics;
using StockLakehouse.Extractor.Tests.Support;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The CLI as a real process, stopped mid-extract while a Yahoo answer is still on its way: Ctrl+C (SIGINT) ends it
/// cleanly — exit 130, a manifest that records what landed — and a kill (SIGKILL) ends it on the spot; either way
/// the next run lands each missing object exactly once and nothing twice.
/// </summary>
public sealed class ProcessInterruptionTests : IAsyncLifetime
{
    private const string From = "2025-01-02";
    private const string To = "2025-01-10";
    private static readonly string[] Symbols = ["AAPL", "MSFT", "KO"];
    private readonly TempFolder _folder = new();
    private LocalHttpServer _yahoo = null!;

    public Task InitializeAsync()
    {
        _yahoo = new LocalHttpServer();
        // AAPL and KO answer at once; MSFT hangs long enough for the process to be stopped while waiting for it.
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        _yahoo.Fallback("/v8/finance/chart/MSFT", ScriptedResponse.Json(Fixtures.YahooChartFor("MSFT")) with { Delay = TimeSpan.FromSeconds(60) });
        _yahoo.Fallback("/v8/finance/chart/KO", ScriptedResponse.Json(Fixtures.YahooChartFor("KO")));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _yahoo.DisposeAsync();
        _folder.Dispose();
    }

    private string[] Extract() =>
        ["extract", "--source", "yahoo", "--base-url", _yahoo.BaseUrl.AbsoluteUri, "--out", _folder.Path, "--symbols", string.Join(",", Symbols),
            "--from", From, "--to", To, "--max-concurrency", "2", "--parallelism", "2", "--timeout", "120", "--max-attempts", "1"];

    private string[] RawBodies() =>
        Directory.Exists(Path.Combine(_folder.Path, "lake", "raw"))
            ? Published("*.json").Where(LakeLayout.IsRawBody).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private int MetadataFiles() =>
        Directory.Exists(Path.Combine(_folder.Path, "lake", "raw"))
            ? Published("*" + LakeLayout.MetadataSuffix).Length
            : 0;

    /// <summary>The raw files under <paramref name="pattern"/> that are published: a write still in progress is a staging file of the same name.</summary>
    private string[] Published(string pattern) =>
        Directory.GetFiles(Path.Combine(_folder.Path, "lake", "raw"), pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(ObjectKey.StagingPrefix, StringComparison.Ordinal))
            .ToArray();

    [Theory]
    [InlineData("INT")]
    [InlineData("KILL")]
    public async Task A_process_stopped_mid_extract_then_run_again_lands_every_object_exactly_once(string signal)
    {
        using (var cli = CliProcess.Start(null, Extract()))
        {
            await StopMidExtractAsync(cli, signal);
        }

        Assert.Equal(["AAPL", "KO"], RawBodies().Select(f => f.Split('-')[0]));
        _yahoo.Fallback("/v8/finance/chart/MSFT", ScriptedResponse.Json(Fixtures.YahooChartFor("MSFT")));
        var (code, _, error) = await CliRunner.RunAsync(Extract());

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(["AAPL", "KO", "MSFT"], RawBodies().Select(f => f.Split('-')[0]));
        Assert.Equal(1, _yahoo.CountFor("/v8/finance/chart/AAPL"));
        Assert.Equal(1, _yahoo.CountFor("/v8/finance/chart/KO"));
    }

    /// <summary>Waits until AAPL and KO landed while MSFT is in flight, sends <paramref name="signal"/>, and checks how the process ended.</summary>
    private async Task StopMidExtractAsync(CliProcess cli, string signal)
    {
        var process = cli.Process;
        var deadline = DateTime.UtcNow.AddSeconds(60);

        // Two requests at a time: MSFT holds one slot, AAPL and KO pass through the other. Their metadata is the
        // last write of a landing, so once both have it they are wholly landed and the signal can only hit MSFT.
        while (MetadataFiles() < 2 || _yahoo.CountFor("/v8/finance/chart/MSFT") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "AAPL and KO did not land, or MSFT was not asked for, within a minute.");
            await Task.Delay(50);
        }

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await cli.WaitAsync(TimeSpan.FromSeconds(60));

        if (signal == "INT")
        {
            // Ctrl+C: a clean stop, and the manifest says what landed.
            Assert.Equal(130, process.ExitCode);
            var manifest = Directory.GetFiles(Path.Combine(_folder.Path, "lake", "_runs"), "manifest.json", SearchOption.AllDirectories).Single();
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(manifest));
            Assert.Equal("cancelled", document.RootElement.GetProperty("status").GetString());
            Assert.Contains("\"ok\"", document.RootElement.GetProperty("stages").GetRawText(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(137, process.ExitCode);
        }
    }
}
