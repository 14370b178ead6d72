using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Landing;

/// <summary>
/// Lands raw responses exactly once. The object name is derived from the request (source, dataset, symbol,
/// range, and for imported files their content hash) and the ingest date, so a rerun computes the same key
/// and finds it present instead of writing a duplicate; every write is create-only — raw is never overwritten
/// or deleted, which is all the access the extractor's service account has to <c>raw/</c>. First, a request
/// marker under <c>_state/requests/</c> (create-only) names the key the request lands under, whatever the ingest
/// date; every later attempt of the request, on any day, lands under that key, so a run that died part-way and
/// is restarted after midnight still lands the request once. The body's create-only write is the commit point;
/// the metadata follows, create-only too, and always describes the stored body (its SHA-256 and size), so two
/// writers racing on one request never leave a body paired with the other's metadata. A request counts as landed
/// when its key holds a body and metadata that describes it (<see cref="RawObjectInspector"/>). The three are handed
/// to the store in one <see cref="IObjectStore.CreateInOrderAsync"/>, so the local store flushes them to disk together
/// and only then makes them visible, marker, body, metadata in that order: a process that dies in between leaves a
/// prefix of the three, which is what the repairs below expect. (After a power loss the file system may keep the
/// links of two folders in another order: the store does not flush folders.)
/// <para>
/// Repairs, all create-only: a run that died after the body but before its metadata leaves a body without
/// metadata; the next run fetches the request again and writes the missing metadata for the stored body
/// (<see cref="LandingOutcome.MetadataRepaired"/>). A body whose metadata is unreadable, or that no longer
/// matches its metadata, can never be mended in place, so the request is fetched again and landed under a new
/// key on the run's ingest date — the next <em>generation</em> of the request, named by its own marker
/// (<c>&lt;request id&gt;-r&lt;n&gt;.json</c>) — and the damaged object stays for silver to quarantine
/// (<see cref="LandingOutcome.Relanded"/>).
/// </para>
/// </summary>
public sealed class RawLander
{
    /// <summary>The folder of request markers.</summary>
    public const string MarkersRoot = "_state/requests";

    /// <summary>How many times one request may be landed again after damage before the lander gives up.</summary>
    public const int MaxGenerations = 32;

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
    public static string MarkerKeyFor(string source, string dataset, RawRequest request) => MarkerKeyFor(source, dataset, request, 0);

    /// <summary>The marker of generation <paramref name="generation"/> of a request: <c>&lt;request id&gt;-r&lt;n&gt;.json</c> after the first.</summary>
    public static string MarkerKeyFor(string source, string dataset, RawRequest request, int generation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        var id = RequestId(source, dataset, request.Subject, request.From, request.To, request.Variant);
        var name = generation == 0 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}-r{generation}");
        return $"{MarkersRoot}/source={ObjectKey.EscapeSegmentValue(source)}/dataset={ObjectKey.EscapeSegmentValue(dataset)}/{name}.json";
    }

    /// <summary>
    /// The key generation <paramref name="generation"/> of a request proposes, from the key of its first generation
    /// <paramref name="key"/>: the same folder and symbol, its request id hashed with the generation.
    /// </summary>
    public static string KeyOfGeneration(string key, int generation)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (generation == 0)
        {
            return key;
        }

        var slash = key.LastIndexOf('/');
        var dash = key.LastIndexOf('-');
        var dot = dash < 0 ? -1 : key.IndexOf('.', dash);
        if (dash <= slash || dot < 0)
        {
            throw new ArgumentException($"'{key}' is not named <symbol>-<request id>.<extension>.", nameof(key));
        }

        var id = key[(dash + 1)..dot];
        var next = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}|generation {generation}"))))[..12];
        return key[..(dash + 1)] + next + key[dot..];
    }

    /// <summary>
    /// Where <paramref name="request"/> lands: the key its newest usable marker names (an earlier attempt's, on any
    /// ingest date), or the key of the next generation derived from <paramref name="key"/> (today's); and whether it
    /// has landed there, intact. Damaged generations are passed over, and the last damage found is returned for the
    /// report.
    /// </summary>
    public async Task<RawTarget> LocateAsync(string source, string dataset, RawRequest request, string key, CancellationToken cancellationToken)
    {
        string? damage = null;
        for (var generation = 0; generation < MaxGenerations; generation++)
        {
            var named = await MarkedKeyAsync(MarkerKeyFor(source, dataset, request, generation), cancellationToken).ConfigureAwait(false);
            var found = await RawObjectInspector.InspectAsync(_store, named ?? KeyOfGeneration(key, generation), cancellationToken).ConfigureAwait(false);
            if (found.Condition != RawObjectCondition.Damaged)
            {
                return new RawTarget(found.Key, found.Condition == RawObjectCondition.Intact, damage);
            }

            damage = found.Problem;
        }

        throw TooManyGenerations(source, dataset, request, damage);
    }

    /// <summary>
    /// Lands <paramref name="response"/> under <paramref name="key"/> (today's key), or under the key the request's
    /// marker already names when another writer (a run on another day) created the marker first; past every
    /// damaged generation. Returns what happened and where.
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
        string? damage = null;
        var metadata = Metadata(source, dataset, request, response, response.Body).ToJson();
        for (var generation = 0; generation < MaxGenerations; generation++)
        {
            // The marker first: should the run die before the body or its metadata, the next attempt — on any day —
            // finds the key here and lands under it rather than under a new ingest date. A marker some other writer
            // created first wins, so two writers on different days still land one body. The three are created in
            // that order by one call, which lets the store make all three durable at once before the first is visible.
            var proposed = KeyOfGeneration(key, generation);
            var marker = MarkerKeyFor(source, dataset, request, generation);
            var created = await _store.CreateInOrderAsync(
                [new NewObject(marker, Encoding.UTF8.GetBytes(proposed)), new NewObject(proposed, response.Body), new NewObject(MetadataKeyFor(proposed), metadata)],
                cancellationToken).ConfigureAwait(false);
            var landed = generation == 0 ? LandingOutcome.Landed : LandingOutcome.Relanded;
            if (created == 3)
            {
                return (landed, proposed);
            }

            // Something was there first: the marker (another writer's, naming its key), the body or its metadata.
            var target = created > 0 ? proposed : await NamedKeyAsync(marker, cancellationToken).ConfigureAwait(false);
            var metadataKey = MetadataKeyFor(target);
            var bodyCreated = created == 2;
            var found = await RawObjectInspector.InspectAsync(_store, target, cancellationToken).ConfigureAwait(false);
            if (found.Condition == RawObjectCondition.Missing)
            {
                bodyCreated = await _store.CreateAsync(target, response.Body, cancellationToken).ConfigureAwait(false);
                if (bodyCreated && await _store.CreateAsync(metadataKey, metadata, cancellationToken).ConfigureAwait(false))
                {
                    return (landed, target);
                }

                // Another writer's body, or a metadata file left beside a vanished body: judge what is there now.
                found = await RawObjectInspector.InspectAsync(_store, target, cancellationToken).ConfigureAwait(false);
            }

            if (found.Condition == RawObjectCondition.BodyWithoutMetadata)
            {
                // The body's writer died before its metadata (or is still writing it): metadata describing the stored
                // body, whoever fetched it. When it was fetched is unknown: the earliest time, so that silver never
                // lets it beat a later fetch of the same ingest date.
                var repaired = Metadata(source, dataset, request, response, found.Body!) with { FetchedAt = DateTimeOffset.UnixEpoch };
                if (await _store.CreateAsync(metadataKey, repaired.ToJson(), cancellationToken).ConfigureAwait(false))
                {
                    return (bodyCreated ? landed : LandingOutcome.MetadataRepaired, target);
                }

                found = await RawObjectInspector.InspectAsync(_store, target, cancellationToken).ConfigureAwait(false);
            }

            if (found.Condition == RawObjectCondition.Intact)
            {
                return (bodyCreated ? landed : LandingOutcome.AlreadyPresent, target);
            }

            // Damaged (or gone again): this key can never be mended under create-only access; the next generation.
            damage = found.Problem ?? $"'{target}' vanished while it was being landed.";
        }

        throw TooManyGenerations(source, dataset, request, damage);
    }

    /// <summary>The key the existing <paramref name="marker"/> names: another writer's, which created it first.</summary>
    private async Task<string> NamedKeyAsync(string marker, CancellationToken cancellationToken) =>
        await MarkedKeyAsync(marker, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The request marker '{marker}' vanished after a create-only write found it.");

    /// <summary>The key a request marker names, or null when there is no marker.</summary>
    private async Task<string?> MarkedKeyAsync(string marker, CancellationToken cancellationToken) =>
        await _store.ReadAsync(marker, cancellationToken).ConfigureAwait(false) is { } named ? Encoding.UTF8.GetString(named).Trim() : null;

    private static InvalidOperationException TooManyGenerations(string source, string dataset, RawRequest request, string? damage) =>
        new($"The {source}/{dataset} request for {request.Subject} {request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd} was found damaged in each of its {MaxGenerations} landings; the last: {damage}");

    private static RawObjectMetadata Metadata(string source, string dataset, RawRequest request, SourceResponse response, byte[] body) => new(
        source,
        dataset,
        request.Subject,
        response.Url,
        response.Status,
        response.FetchedAt,
        request.From,
        request.To,
        ReferenceEquals(body, response.Body) ? Convert.ToHexStringLower(response.BodySha256()) : Convert.ToHexStringLower(SHA256.HashData(body)),
        body.Length);
}
