using StockLakehouse.Core.Lake;

namespace StockLakehouse.Extractor.State;

/// <summary>
/// Watermarks in the lake, one small object per (source, dataset, symbol):
/// <c>_state/watermarks/source=&lt;s&gt;/dataset=&lt;d&gt;/&lt;symbol&gt;.json</c>. They only move forward, and are written
/// after the object they describe has landed, so a crash leaves a watermark behind the lake, never ahead of it
/// — the next daily run then starts a little earlier, which costs a request and loses nothing. Watermarks are
/// written only with <see cref="IObjectStore.CreateAsync"/> and <see cref="IObjectStore.ReplaceAsync"/>, never
/// <see cref="IObjectStore.PutAsync"/> (the contract of replaced keys), and since they only move forward a local
/// store's content-hash version can never see one return to a value it held before.
/// </summary>
public sealed class WatermarkStore
{
    public const string Root = "_state/watermarks";

    private const int MaxWriteAttempts = 16;

    private readonly IObjectStore _store;

    public WatermarkStore(IObjectStore store)
    {
        _store = store;
    }

    /// <summary>The lake the watermarks live in.</summary>
    internal IObjectStore Store => _store;

    public static string KeyFor(string source, string dataset, string symbol) =>
        $"{Root}/source={ObjectKey.EscapeSegmentValue(source)}/dataset={ObjectKey.EscapeSegmentValue(dataset)}/{ObjectKey.EscapeSegmentValue(symbol)}.json";

    public async Task<Watermark?> ReadAsync(string source, string dataset, string symbol, CancellationToken cancellationToken)
    {
        var key = KeyFor(source, dataset, symbol);
        var bytes = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Watermark.FromJson(bytes, key);
    }

    /// <summary>
    /// Moves the watermark to <paramref name="candidate"/> when that is later; returns whether it moved. The write is
    /// conditional on the version read (create-only when there was none), so a writer that compared against an older
    /// watermark cannot move a newer one backwards: it reads again and compares again. Each lost race means another
    /// writer moved the watermark, so the loop ends; it is bounded all the same.
    /// </summary>
    public async Task<bool> AdvanceAsync(Watermark candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var key = KeyFor(candidate.Source, candidate.Dataset, candidate.Symbol);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await _store.ReadVersionedAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is not null && Watermark.FromJson(current.Content, key).Through >= candidate.Through)
            {
                return false;
            }

            var written = current is null
                ? await _store.CreateAsync(key, candidate.ToJson(), cancellationToken).ConfigureAwait(false)
                : await _store.ReplaceAsync(key, candidate.ToJson(), current.Version, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return true;
            }
        }

        throw new InvalidOperationException(
            $"The watermark '{key}' changed under each of {MaxWriteAttempts} attempts to advance it to {candidate.Through:yyyy-MM-dd}; too many writers on one symbol.");
    }
}
