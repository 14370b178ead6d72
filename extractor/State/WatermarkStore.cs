using StockLakehouse.Core.Lake;

namespace StockLakehouse.Extractor.State;

/// <summary>
/// Watermarks in the lake, one small object per (source, dataset, symbol):
/// <c>_state/watermarks/source=&lt;s&gt;/dataset=&lt;d&gt;/&lt;symbol&gt;.json</c>. They only move forward, and are written
/// after the object they describe has landed, so a crash leaves a watermark behind the lake, never ahead of it
/// — the next daily run then starts a little earlier, which costs a request and loses nothing.
/// </summary>
public sealed class WatermarkStore
{
    public const string Root = "_state/watermarks";

    private readonly IObjectStore _store;
    private readonly SemaphoreSlim _advance = new(1, 1);

    public WatermarkStore(IObjectStore store)
    {
        _store = store;
    }

    public static string KeyFor(string source, string dataset, string symbol) =>
        $"{Root}/source={ObjectKey.EscapeSegmentValue(source)}/dataset={ObjectKey.EscapeSegmentValue(dataset)}/{ObjectKey.EscapeSegmentValue(symbol)}.json";

    public async Task<Watermark?> ReadAsync(string source, string dataset, string symbol, CancellationToken cancellationToken)
    {
        var key = KeyFor(source, dataset, symbol);
        var bytes = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Watermark.FromJson(bytes, key);
    }

    /// <summary>Moves the watermark to <paramref name="candidate"/> when that is later; returns whether it moved.</summary>
    public async Task<bool> AdvanceAsync(Watermark candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        // Read-compare-write must not interleave (two imported files of one symbol land in parallel).
        await _advance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadAsync(candidate.Source, candidate.Dataset, candidate.Symbol, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Through >= candidate.Through)
            {
                return false;
            }

            await _store.PutAsync(KeyFor(candidate.Source, candidate.Dataset, candidate.Symbol), candidate.ToJson(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _advance.Release();
        }
    }
}
