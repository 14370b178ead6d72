using StockLakehouse.Core.Lake;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.State;

/// <summary>
/// Rewrites watermarks lost to a kill. A watermark is written after its object lands, so a run killed between the
/// two leaves the lake ahead of the watermark, and the next daily run would ask again for the symbol's whole window
/// (all of it when the symbol had no watermark yet). Before a daily run is planned, the dataset is listed once and,
/// per symbol, every intact object landed on or after the ingest date of the object its watermark names (all of
/// them without a watermark) is read and judged by the source's own classifier, as when it was fetched; the latest
/// session it holds moves the watermark forward. In the usual case — the watermark names the newest object — no
/// object is read. Only the ingest-date folders from the oldest of those dates on are listed
/// (<see cref="IObjectStore.ListFolderPrefixesAsync"/>: a local lake's directories, a bucket's common prefixes), so a
/// day's recovery lists what landed since the stalest watermark asked for, not the whole history; a symbol without a
/// watermark, or a store without folders, lists the whole dataset.
/// </summary>
public sealed class WatermarkRecovery
{
    private readonly IObjectStore _store;
    private readonly WatermarkStore _watermarks;

    public WatermarkRecovery(WatermarkStore watermarks)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        _store = watermarks.Store;
        _watermarks = watermarks;
    }

    /// <summary>Moves the watermarks of <paramref name="symbols"/> forward to what has landed; returns those it moved.</summary>
    public async Task<IReadOnlyList<Watermark>> RecoverAsync(
        ExtractSource extractSource,
        IReadOnlyCollection<string> symbols,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extractSource);
        ArgumentNullException.ThrowIfNull(symbols);
        var (source, dataset, classifier) = (extractSource.Name, extractSource.Dataset, extractSource.Raw.Classifier);
        var floors = new Dictionary<string, (Watermark? Watermark, DateOnly Floor)>(StringComparer.Ordinal);
        foreach (var symbol in symbols.Distinct(StringComparer.Ordinal))
        {
            var read = await _watermarks.ReadAsync(source, dataset, symbol, cancellationToken).ConfigureAwait(false);
            floors[symbol] = (read, read is not null && LakeLayout.TryIngestDateOf(read.ObjectKey, out var floor) ? floor : DateOnly.MinValue);
        }

        var landed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var prefix in await PrefixesFromAsync(LakeLayout.RawPrefix(source, dataset), floors.Values.Select(f => f.Floor).DefaultIfEmpty(DateOnly.MaxValue).Min(), cancellationToken).ConfigureAwait(false))
        {
            await foreach (var info in _store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                if (!info.Key.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal) && LakeLayout.SymbolOf(info.Key) is var symbol && floors.ContainsKey(symbol))
                {
                    (landed.TryGetValue(symbol, out var keys) ? keys : landed[symbol] = []).Add(info.Key);
                }
            }
        }

        var moved = new List<Watermark>();
        foreach (var (symbol, keys) in landed)
        {
            var (watermark, floor) = floors[symbol];
            foreach (var key in keys.Where(k => k != watermark?.ObjectKey && LakeLayout.IngestDateOf(k) >= floor))
            {
                var found = await RawObjectInspector.InspectAsync(_store, key, cancellationToken).ConfigureAwait(false);
                if (found is not { Condition: RawObjectCondition.Intact, Body: { } body, Metadata: { } metadata })
                {
                    continue;
                }

                var verdict = classifier.Classify(
                    new RawRequest(symbol, metadata.RequestedFrom, metadata.RequestedTo),
                    new SourceResponse(metadata.Status, metadata.Url, body, metadata.FetchedAt));
                if (verdict.Lands && verdict.LastDate is { } through && (watermark is null || through > watermark.Through))
                {
                    var candidate = new Watermark(source, dataset, symbol, through, key);
                    if (await _watermarks.AdvanceAsync(candidate, cancellationToken).ConfigureAwait(false))
                    {
                        watermark = candidate;
                        moved.Add(candidate);
                    }
                }
            }
        }

        return moved;
    }

    /// <summary>
    /// The prefixes to list for objects landed on or after <paramref name="from"/> under <paramref name="dataset"/>: the
    /// ingest-date folders from that date on when the store lists folders (an older folder holds nothing any symbol's
    /// recovery reads), else the whole dataset; nothing when no symbol is asked for.
    /// </summary>
    private async Task<IReadOnlyList<string>> PrefixesFromAsync(string dataset, DateOnly from, CancellationToken cancellationToken)
    {
        if (from == DateOnly.MaxValue)
        {
            return [];
        }

        if (from == DateOnly.MinValue || await _store.ListFolderPrefixesAsync(dataset, cancellationToken).ConfigureAwait(false) is not { } folders)
        {
            return [dataset];
        }

        return folders
            .Where(prefix => !LakeLayout.TryIngestDateOf(prefix, out var date) || date >= from)
            .ToArray();
    }
}
