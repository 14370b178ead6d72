using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs <see cref="GoldStage"/> locally: its dimensions, then fact_stock_price and fact_technical_indicator per symbol
/// partition from that symbol's silver partition on a bounded number of workers — only the symbols whose inputs changed
/// since gold last computed them (<see cref="GoldStage.RunChangedPartitionAsync"/>) —, then its quarantine and dim_date.
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
        var silver = (await new SilverStage(_lake).SilverPartitionsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(o => o.Key, StringComparer.Ordinal);
        var outcomes = await PartitionRunner.RunAsync(
            Layers.Gold,
            symbols,
            _lake.Parallelism,
            (symbol, ct) => new ValueTask<PartitionOutcome>(stage.RunChangedPartitionAsync(symbol, gold, silver, ct)),
            progress,
            cancellationToken).ConfigureAwait(false);
        var finish = await stage.FinishAsync(runEnd, outcomes, cancellationToken).ConfigureAwait(false);
        return StageReport.From(Layers.Gold, [dimensions, .. outcomes, finish]);
    }

    /// <summary>Every symbol with a silver partition in the lake, in ordinal order (gold's input, whether or not raw is still there).</summary>
    public Task<IReadOnlyList<Symbol>> SilverSymbolsAsync(CancellationToken cancellationToken) =>
        new GoldStage(_lake).SilverSymbolsAsync(cancellationToken);
}
