using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Landing;

/// <summary>
/// Lands raw responses exactly once. The object name is derived from the request (source, dataset, symbol,
/// range) and the ingest date, so a rerun computes the same key and finds it present instead of writing a
/// duplicate; writes are create-only, so an existing raw object is never overwritten. The metadata object
/// lands first and the body second: a body is only ever visible with its metadata beside it, and a run that
/// died between the two writes lands the missing body on the next run.
/// </summary>
public sealed class RawLander
{
    private readonly IObjectStore _store;

    public RawLander(IObjectStore store)
    {
        _store = store;
    }

    /// <summary>The deterministic id of a request: 12 hex digits of SHA-256 over its parts.</summary>
    public static string RequestId(string source, string dataset, string symbol, DateOnly from, DateOnly toInclusive)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{source}|{dataset}|{symbol}|{from:yyyy-MM-dd}|{toInclusive:yyyy-MM-dd}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    public static string KeyFor(string source, string dataset, string symbol, DateOnly from, DateOnly toInclusive, DateOnly ingestDate) =>
        LakeLayout.RawObject(source, dataset, ingestDate, symbol, RequestId(source, dataset, symbol, from, toInclusive));

    public Task<bool> IsLandedAsync(string key, CancellationToken cancellationToken) => _store.ExistsAsync(key, cancellationToken);

    public async Task<LandingOutcome> LandAsync(
        string key,
        string source,
        string dataset,
        string symbol,
        DateOnly from,
        DateOnly toInclusive,
        SourceResponse response,
        CancellationToken cancellationToken)
    {
        if (await _store.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return LandingOutcome.AlreadyPresent;
        }

        var metadata = new RawObjectMetadata(
            source,
            dataset,
            symbol,
            response.Url,
            response.Status,
            response.FetchedAt,
            from,
            toInclusive,
            Convert.ToHexStringLower(SHA256.HashData(response.Body)),
            response.Body.Length);
        // The metadata may already exist from a run that died before landing the body; keep the first one.
        await _store.CreateAsync(LakeLayout.RawMetadata(key), metadata.ToJson(), cancellationToken).ConfigureAwait(false);
        var created = await _store.CreateAsync(key, response.Body, cancellationToken).ConfigureAwait(false);
        return created ? LandingOutcome.Landed : LandingOutcome.AlreadyPresent;
    }
}
