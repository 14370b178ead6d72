using StockLakehouse.Extractor.Jobs;

namespace StockLakehouse.Extractor.Tests.Live;

public sealed class ResumeAfterCancelTests : IAsyncLifetime
{
    private static readonly DateOnly From = new(2025, 1, 2);
    private static readonly DateOnly To = new(2025, 1, 10);
    private static readonly string[] Symbols = ["AAPL", "AMZN", "GOOGL", "META", "MSFT", "NVDA"];
    private readonly TempLake _lake = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _lake.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_run_stopped_mid_way_keeps_what_landed_and_the_rerun_lands_each_missing_object_exactly_once()
    {
        var policy = LiveHarness.Policy with { Timeout = TimeSpan.FromMinutes(1) };
        ExtractCancelledException cancelled;
        await using (var first = new LiveHarness(lake: _lake))
        {
            first.Server.Script("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
            first.Server.Script("/v8/finance/chart/AMZN", ScriptedResponse.Json(Fixtures.YahooChartFor("AMZN")));
            using var ctrlC = new CancellationTokenSource();
            // Ctrl+C arrives while GOOGL is in flight: the server has its request, its answer would take 3 real seconds.
            first.Server.Script("/v8/finance/chart/GOOGL", ScriptedResponse.Json(Fixtures.YahooChartFor("GOOGL")) with
            {
                Delay = TimeSpan.FromSeconds(3),
                OnServe = _ => ctrlC.Cancel(),
            });

            cancelled = await Assert.ThrowsAsync<ExtractCancelledException>(
                () => first.BackfillAsync(first.Yahoo(policy, concurrency: 1), From, To, Symbols, parallelism: 1, cancellationToken: ctrlC.Token));

            Assert.Equal(3, first.Server.Received.Count);
            Assert.Contains(first.Log.Events, e => e.MessageTemplate.Text.Contains("cancelled after", StringComparison.Ordinal));
        }

        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.Equal(2, cancelled.Partial.Landed);
        Assert.Equal(["AAPL", "AMZN"], (await _lake.RawBodiesAsync()).Select(LakeLayout.SymbolOf));

        await using var second = new LiveHarness(lake: _lake);
        foreach (var symbol in Symbols)
        {
            second.Server.Script($"/v8/finance/chart/{symbol}", ScriptedResponse.Json(Fixtures.YahooChartFor(symbol)));
        }

        var report = await second.BackfillAsync(second.Yahoo(), From, To, Symbols, parallelism: 3);

        Assert.Equal((4, 2), (report.Landed, report.AlreadyPresent));
        Assert.Empty(report.Failures);
        Assert.Equal(["GOOGL", "META", "MSFT", "NVDA"], second.Server.Received.Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
        var bodies = await _lake.RawBodiesAsync();
        Assert.Equal(Symbols, bodies.Select(LakeLayout.SymbolOf));
        Assert.Equal(bodies.Count, bodies.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(12, (await _lake.KeysAsync("raw/")).Count);
        Assert.Equal(6, (await _lake.KeysAsync("_state/watermarks/")).Count);
        Assert.DoesNotContain(_lake.AllFiles(), f => Path.GetFileName(f.Path).StartsWith(".staging-", StringComparison.Ordinal));
        foreach (var symbol in Symbols)
        {
            Assert.Equal(Fixtures.YahooChartFor(symbol), await _lake.Store.ReadAsync(bodies.Single(b => LakeLayout.SymbolOf(b) == symbol), default));
        }
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_sends_nothing_and_lands_nothing()
    {
        await using var live = new LiveHarness(lake: _lake);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var error = await Assert.ThrowsAsync<ExtractCancelledException>(() => live.BackfillAsync(live.Yahoo(), From, To, Symbols, cancellationToken: cancelled.Token));

        Assert.Equal((6, 0), (error.Partial.Requested, error.Partial.Landed));
        Assert.Empty(live.Server.Received);
        Assert.Empty(await _lake.KeysAsync());
    }

    [Fact]
    public void The_stop_switch_keeps_its_first_reason()
    {
        var stop = new SourceStop();

        Assert.True(stop.Trip("cap"));
        Assert.False(stop.Trip("key"));
        Assert.Equal("cap", stop.Reason);
    }
}
