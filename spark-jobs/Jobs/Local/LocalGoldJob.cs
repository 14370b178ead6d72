using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs <see cref="GoldStage"/> locally: its dimensions, then fact_stock_price and fact_technical_indicator per symbol
/// partition from that symbol's silver partition on a bounded number of workers — only the symbols whose inputs changed
/// since gold last computed them (<see cref="GoldStage.RunChangedPartitionAsync"/>) —, then its quarantine, the run's
/// change files and dim_date, and, when it ran every symbol with a silver partition, deletes the change files no state
/// names any more.
/// </summary>
public sealed class LocalGoldJob
{
    private readonly LakeContext _lake;

    public LocalGoldJob(LakeContext lake)
    {
        _lake = lake;
    }

    public async Task<StageReport> RunAsync(IReadOnlyList<Symbol> symbols, DateOnly runEnd, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var stage = new GoldStage(_lake);
        var dimensions = await stage.WriteDimensionsAsync(cancellationToken).ConfigureAwait(false);
        var gold = await stage.GoldPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var silver = await new SilverStage(_lake).SilverPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = await PartitionRunner.RunAsync(
            Layers.Gold,
            symbols,
            _lake.Parallelism,
            (symbol, ct) => new ValueTask<PartitionOutcome>(stage.RunChangedPartitionAsync(symbol, gold, silver, ct)),
            progress,
            cancellationToken).ConfigureAwait(false);
        var finish = await stage.FinishAsync(runEnd, outcomes, cancellationToken).ConfigureAwait(false);
        // Only a stage that saw every symbol's state knows which runs' change files no state names any more.
        var run = symbols.Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        if (silver.Keys.All(key => LakeLayout.PartitionValueOf(stage.Silver, key) is not { } value || run.Contains(value)))
        {
            await stage.DeleteSupersededChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return StageReport.From(Layers.Gold, [dimensions, .. outcomes, finish]);
    }

    /// <summary>Every symbol with a silver partition in the lake, in ordinal order (gold's input, whether or not raw is still there).</summary>
    public Task<IReadOnlyList<Symbol>> SilverSymbolsAsync(CancellationToken cancellationToken) =>
        new GoldStage(_lake).SilverSymbolsAsync(cancellationToken);
}
