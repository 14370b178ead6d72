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
/// never overwritten. First, a request marker under <c>_state/requests/</c> (create-only) names the key the
/// request lands under, whatever the ingest date; every later attempt of the request, on any day, lands under
/// that key, so a run that died part-way and is restarted after midnight still lands the request once. The
/// body's create-only write is the commit point and only its winner writes the metadata beside it, so two
/// writers racing on one request never leave metadata that describes the body that lost. A request counts as
/// landed when the marker's key has its body and its metadata: one repeated on a later day (a backfill
/// restarted after midnight) is not fetched again. A run that died after the body but before its metadata
/// leaves a body without metadata; the next run fetches the request again and writes the missing metadata
/// (<see cref="LandingOutcome.MetadataRepaired"/>).
/// </summary>
public sealed class RawLander
{
    /// <summary>The folder of request markers.</summary>
    public const string MarkersRoot = "_state/requests";

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

    /// <summary>The marker of a landed request: <c>_state/requests/source=&lt;s&gt;/dataset=&lt;d&gt;/&lt;request id&gt;.json</c>.</summary>
    public static string MarkerKeyFor(string source, string dataset, RawRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequestId(source, dataset, request.Subject, request.From, request.To, request.Variant);
        return $"{MarkersRoot}/source={ObjectKey.EscapeSegmentValue(source)}/dataset={ObjectKey.EscapeSegmentValue(dataset)}/{id}.json";
    }

    /// <summary>
    /// Where <paramref name="request"/> lands: the key its marker names (an earlier attempt's, on any ingest date),
    /// or <paramref name="key"/> (today's) without a marker; and whether it has landed there — body and metadata
    /// both present. Not landed means it has to be fetched (and landed under that key), including a body whose
    /// metadata a dead run never wrote.
    /// </summary>
    public async Task<(string Key, bool Landed)> LocateAsync(string source, string dataset, RawRequest request, string key, CancellationToken cancellationToken)
    {
        var target = await MarkedKeyAsync(MarkerKeyFor(source, dataset, request), cancellationToken).ConfigureAwait(false) ?? key;
        var landed = await _store.ExistsAsync(target, cancellationToken).ConfigureAwait(false)
            && await _store.ExistsAsync(MetadataKeyFor(target), cancellationToken).ConfigureAwait(false);
        return (target, landed);
    }

    /// <summary>
    /// Lands <paramref name="response"/> under <paramref name="key"/>, or under the key the request's marker already
    /// names when another writer (a run on another day) created the marker first; returns what happened and where.
    /// </summary>
    public async Task<(LandingOutcome Outcome, string Key)> LandAsync(
        string key,
        string source,
        string dataset,
        RawRequest request,
        SourceResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        // The marker first: should the run die before the body or its metadata, the next attempt — on any day —
        // finds the key here and lands under it rather than under a new ingest date. A marker some other writer
        // created first wins, so two writers on different days still land one body.
        var marker = MarkerKeyFor(source, dataset, request);
        if (!await _store.CreateAsync(marker, Encoding.UTF8.GetBytes(key), cancellationToken).ConfigureAwait(false)
            && await MarkedKeyAsync(marker, cancellationToken).ConfigureAwait(false) is { } named)
        {
            key = named;
        }

        var metadataKey = MetadataKeyFor(key);
        var outcome = LandingOutcome.Landed;
        if (!await _store.CreateAsync(key, response.Body, cancellationToken).ConfigureAwait(false))
        {
            // Another writer committed this body. Its metadata is theirs to write; only when a dead run left the
            // body without any is it written here, describing the stored body (its hash and size).
            if (await _store.ExistsAsync(metadataKey, cancellationToken).ConfigureAwait(false))
            {
                return (LandingOutcome.AlreadyPresent, key);
            }

            // When the stored body was fetched is unknown (its writer died before saying): the earliest time, so that
            // silver never lets it beat a later fetch of the same ingest date.
            var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Raw object '{key}' vanished after a create-only write found it.");
            var repaired = Metadata(source, dataset, request, response, stored) with { FetchedAt = DateTimeOffset.UnixEpoch };
            await _store.CreateAsync(metadataKey, repaired.ToJson(), cancellationToken).ConfigureAwait(false);
            outcome = LandingOutcome.MetadataRepaired;
        }
        else
        {
            // The winner's metadata; a put, because a leftover from an older writer may describe another body.
            await _store.PutAsync(metadataKey, Metadata(source, dataset, request, response, response.Body).ToJson(), cancellationToken).ConfigureAwait(false);
        }

        return (outcome, key);
    }

    /// <summary>The key a request marker names, or null when there is no marker.</summary>
    private async Task<string?> MarkedKeyAsync(string marker, CancellationToken cancellationToken) =>
        await _store.ReadAsync(marker, cancellationToken).ConfigureAwait(false) is { } named ? Encoding.UTF8.GetString(named).Trim() : null;

    private static RawObjectMetadata Metadata(string source, string dataset, RawRequest request, SourceResponse response, byte[] body) => new(
        source,
        dataset,
        request.Subject,
        response.Url,
        response.Status,
        response.FetchedAt,
        request.From,
        request.To,
        Convert.ToHexStringLower(SHA256.HashData(body)),
        body.Length);
}
