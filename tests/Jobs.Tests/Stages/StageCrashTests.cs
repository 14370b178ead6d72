using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;
using StockLakehouse.TestSupport.Lake;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// A daily run that stops inside a stage — after one file of a symbol is published and before the next, or before the
/// symbol's state is recorded — leaves a lake the next run finishes into one build's: the same silver and gold files,
/// byte for byte, and the same quarantine.
/// </summary>
public sealed class StageCrashTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 2), 60);

    public static TheoryData<string, string> StopPoints => new()
    {
        { "partition", LakeNames.DailyBar },
        { "state", LakeNames.DailyBar },
        { "partition", LakeNames.FactStockPrice },
        { "partition", LakeNames.FactTechnicalIndicator },
        { "state", LakeNames.FactStockPrice },
    };

    [Theory]
    [MemberData(nameof(StopPoints))]
    public async Task A_run_stopped_inside_a_stage_is_finished_by_the_next_into_one_builds_lake(string write, string table)
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        lake.Land("MSFT", Sessions[39], Sessions[..40], 300);
        await lake.RunAsync(Sessions[39], "AAPL", "MSFT");
        // A new session with a dividend: silver merges AAPL's new object and gold recomputes its whole adjusted history.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135, StageLake.Dividend(Sessions[37], 2.5));
        lake.Land("MSFT", Sessions[41], Sessions[35..42], 335);
        var schema = StageLake.Schemas[table];
        var symbol = Symbol.Parse("AAPL");
        var stopAt = write == "state" ? StageState.Key(schema, symbol) : LakeLayout.Partition(schema, symbol.Value);
        var stopping = new StoppingStore(lake.Store, stopAt);

        await Assert.ThrowsAnyAsync<Exception>(() => lake.RunThroughAsync(stopping, Sessions[41], "AAPL", "MSFT"));
        Assert.True(stopping.Stopped, $"The run never wrote '{stopAt}', so it was not stopped there.");

        await lake.RunAsync(Sessions[41], "AAPL", "MSFT");
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL", "MSFT");
    }

    /// <summary>A store whose write of <paramref name="stopAt"/> fails, as a process stopping just before it would: every other write goes through.</summary>
    private sealed class StoppingStore(IObjectStore inner, string stopAt) : DelegatingObjectStore(inner)
    {
        public bool Stopped { get; private set; }

        public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            Stop(key) ? throw Stopping(key) : base.PutAsync(key, content, cancellationToken);

        public override Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken) =>
            Stop(key) ? throw Stopping(key) : base.PublishFileAsync(key, stagedPath, cancellationToken);

        private bool Stop(string written)
        {
            if (written != stopAt)
            {
                return false;
            }

            Stopped = true;
            return true;
        }

        private static IOException Stopping(string written) => new($"The run stopped before writing '{written}'.");
    }
}
