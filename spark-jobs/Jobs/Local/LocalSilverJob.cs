using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs <see cref="SilverStage"/> locally: every symbol with raw daily-bar objects (Yahoo chart, Alpha Vantage daily) is
/// one partition, read from the store and written as <c>silver/daily_bar/symbol=&lt;s&gt;/part-0.parquet</c> and its tail
/// <c>part-1.parquet</c> (one file for a history of under two months) on a
/// bounded number of workers, each only as far as its raw objects changed since silver last wrote it
/// (<see cref="SilverStage.RunChangedPartitionAsync"/>). The raw bodies are listed only as far as they changed since the
/// last run recorded them (<see cref="RawListing"/>), and recorded again once every symbol is done. Rejects of the run —
/// those of every object, as a full build finds them — go to <c>_quarantine/silver/daily_bar/run_id=&lt;run&gt;/rejects.jsonl</c>.
/// </summary>
public sealed class LocalSilverJob
{
    private readonly LakeContext _lake;

    /// <summary>The listing <see cref="RawSymbolsAsync"/> opened and the next <see cref="RunAsync"/> uses; null once used.</summary>
    private RawListing? _opened;

    public LocalSilverJob(LakeContext lake)
    {
        _lake = lake;
    }

    /// <summary>Processes the symbols in <paramref name="only"/> (all symbols with raw data when null).</summary>
    public async Task<StageReport> RunAsync(IReadOnlyCollection<Symbol>? only, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var stage = new SilverStage(_lake);
        var raw = _opened ?? await stage.OpenRawListingAsync(cancellationToken).ConfigureAwait(false);
        _opened = null;
        var wanted = only?.ToHashSet();
        var symbols = raw.Symbols.Where(s => wanted is null || wanted.Contains(s)).OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();
        var silver = await stage.SilverPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = await PartitionRunner.RunAsync(
            Layers.Silver,
            symbols,
            _lake.Parallelism,
            (symbol, ct) => new ValueTask<PartitionOutcome>(stage.RunChangedPartitionAsync(symbol, raw, silver, _lake.Store.ReadAsync, ct)),
            progress,
            cancellationToken).ConfigureAwait(false);
        var quarantine = await stage.FinishAsync(outcomes, cancellationToken).ConfigureAwait(false);
        await raw.RecordAsync(cancellationToken).ConfigureAwait(false);
        return StageReport.From(Layers.Silver, [.. outcomes, quarantine]) with
        {
            RawListing = raw.Whole ? "whole" : "since_last",
            RawFoldersListed = raw.FoldersListed,
        };
    }

    /// <summary>
    /// Every symbol with raw daily-bar objects in the lake, in ordinal order, from the listing of what changed since silver
    /// last recorded it (<see cref="RawListing"/>). The job keeps that listing for its next <see cref="RunAsync"/>, so a
    /// run over every symbol of the lake lists the raw bodies once, not once to name the symbols and again to process them.
    /// </summary>
    public async Task<IReadOnlyList<Symbol>> RawSymbolsAsync(CancellationToken cancellationToken)
    {
        _opened = await new SilverStage(_lake).OpenRawListingAsync(cancellationToken).ConfigureAwait(false);
        return _opened.Symbols.OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();
    }
}
