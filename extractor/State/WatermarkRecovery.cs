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
/// object is read.
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
        var wanted = symbols.ToHashSet(StringComparer.Ordinal);
        var landed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var info in _store.ListAsync(LakeLayout.RawPrefix(source, dataset), cancellationToken).ConfigureAwait(false))
        {
            if (!info.Key.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal) && wanted.Contains(LakeLayout.SymbolOf(info.Key)))
            {
                var symbol = LakeLayout.SymbolOf(info.Key);
                if (!landed.TryGetValue(symbol, out var keys))
                {
                    landed[symbol] = keys = [];
                }

                keys.Add(info.Key);
            }
        }

        var moved = new List<Watermark>();
        foreach (var (symbol, keys) in landed)
        {
            var watermark = await _watermarks.ReadAsync(source, dataset, symbol, cancellationToken).ConfigureAwait(false);
            var floor = watermark?.ObjectKey.Contains("/ingest_date=", StringComparison.Ordinal) == true ? LakeLayout.IngestDateOf(watermark.ObjectKey) : DateOnly.MinValue;
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
}
