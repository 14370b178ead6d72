using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Landing;

/// <summary>
/// Lands raw responses exactly once. The object name is derived from the request (source, dataset, symbol,
/// range, and for imported files their content hash) and the ingest date, so a rerun computes the same key
/// and finds it present instead of writing a duplicate; writes are create-only, so an existing raw object is
/// never overwritten. The metadata object lands first and the body second: a body is only ever visible with
/// its metadata beside it, and a run that died between the two writes lands the missing body (and fresh
/// metadata for it) on the next run.
/// </summary>
public sealed class RawLander
{
    private const string JsonExtension = ".json";
    private readonly IObjectStore _store;

    public RawLander(IObjectStore store)
    {
        _store = store;
    }

    /// <summary>The deterministic id of a request: 12 hex digits of SHA-256 over its parts.</summary>
    public static string RequestId(string source, string dataset, string symbol, DateOnly from, DateOnly toInclusive) =>
        RequestId(source, dataset, symbol, from, toInclusive, variant: null);

    /// <summary>
    /// The id of a request with a <paramref name="variant"/> (an imported file's content hash); without one it
    /// equals the id above, so objects landed before variants existed keep their names.
    /// </summary>
    public static string RequestId(string source, string dataset, string symbol, DateOnly from, DateOnly toInclusive, string? variant)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{source}|{dataset}|{symbol}|{from:yyyy-MM-dd}|{toInclusive:yyyy-MM-dd}");
        if (variant is not null)
        {
            text += "|" + variant;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    public static string KeyFor(string source, string dataset, string symbol, DateOnly from, DateOnly toInclusive, DateOnly ingestDate) =>
        LakeLayout.RawObject(source, dataset, ingestDate, symbol, RequestId(source, dataset, symbol, from, toInclusive));

    /// <summary>The raw object key of <paramref name="request"/>, with the extension of the source's format.</summary>
    public static string KeyFor(string source, string dataset, RawFormat format, RawRequest request, DateOnly ingestDate)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequestId(source, dataset, request.Subject, request.From, request.To, request.Variant);
        var key = LakeLayout.RawObject(source, dataset, ingestDate, request.Subject, id);
        return format == RawFormat.Json ? key : key[..^JsonExtension.Length] + ".csv";
    }

    /// <summary>The metadata object beside a raw body of any extension: <c>&lt;name&gt;.meta.json</c>.</summary>
    public static string MetadataKeyFor(string rawObjectKey)
    {
        if (rawObjectKey.EndsWith(JsonExtension, StringComparison.Ordinal))
        {
            return LakeLayout.RawMetadata(rawObjectKey);
        }

        var dot = rawObjectKey.LastIndexOf('.');
        return dot > rawObjectKey.LastIndexOf('/')
            ? rawObjectKey[..dot] + LakeLayout.MetadataSuffix
            : throw new ArgumentException($"'{rawObjectKey}' has no file extension; raw objects are named <symbol>-<request id>.<extension>.", nameof(rawObjectKey));
    }

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
        ArgumentNullException.ThrowIfNull(response);
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
        // The body's create-only write is the commit point: metadata without a body is an uncommitted leftover
        // of a run that died between the two writes, and is replaced so it describes the body that lands now
        // (a re-fetched body may differ from the one the dead run held).
        await _store.PutAsync(MetadataKeyFor(key), metadata.ToJson(), cancellationToken).ConfigureAwait(false);
        var created = await _store.CreateAsync(key, response.Body, cancellationToken).ConfigureAwait(false);
        return created ? LandingOutcome.Landed : LandingOutcome.AlreadyPresent;
    }
}
