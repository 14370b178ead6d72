using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Google;
using Google.Apis.Upload;
using Google.Cloud.Storage.V1;
using Serilog;
using StockLakehouse.Cloud.Http;
using StockLakehouse.Core.Lake;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The lake's object store in a Cloud Storage bucket, through Google.Cloud.Storage.V1. Object names are the
/// location's prefix, '/', and the key. A GCS object write is atomic — readers see the old or the new object,
/// never a part — so no staging objects are needed in the bucket: <see cref="StagingPath"/> is a local file.
/// <para>
/// Writes: create-only writes carry <c>ifGenerationMatch=0</c> and conditional replaces the generation that was
/// read, both enforced by GCS (412 when they do not hold, which becomes <c>false</c>). Every upload is one
/// resumable session in chunks of <see cref="GcsObjectStoreOptions.UploadChunkSize"/>.
/// </para>
/// <para>
/// Retries follow Google's idempotency rules, on 408, 429, 5xx and broken connections, at most
/// <see cref="GcsRetries.Attempts"/> tries with <see cref="GcsObjectStoreOptions.RetryTiming"/>. The library retries
/// metadata reads and listings; the store retries media downloads, and uploads as follows. A chunk that fails is
/// resumed inside its session (GCS is asked how many bytes it kept), whatever the write: a session writes its object
/// at most once. A session that could not be opened, or that GCS no longer knows when it is resumed (404, 410), is
/// replaced by a new one only for a conditional write, whose precondition makes a second session harmless; an
/// unconditional write (<see cref="PutAsync"/>, <see cref="PublishFileAsync"/>) is never started twice, so its
/// failure to start reaches the caller, whose own rerun decides. A conditional write refused
/// with 412 after a retry may have been written by an earlier try whose answer was lost: the store reads the object
/// back and reports the write as done when it holds the caller's bytes. Other failures surface as
/// <see cref="GoogleApiException"/> or the transport's exception. The store does not own the <see cref="StorageClient"/>.
/// </para>
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    private readonly GcsObjectStoreOptions _options;
    private readonly GcsLocation _location;
    private readonly StorageClient _client;
    private readonly RetryOptions _retry;
    private readonly GcsRetries _retries;
    private readonly ILogger _log;

    public GcsObjectStore(GcsObjectStoreOptions options, StorageClient client, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(log);
        _options = options.Validate();
        _location = options.Location;
        _client = client;
        _retry = new RetryOptions(options.RetryTiming, RetryPredicate.RetriableIdempotentErrors);
        _retries = new GcsRetries(options.RetryTiming, options.Clock);
        _log = log.ForContext<GcsObjectStore>();
    }

    /// <summary>gs://bucket or gs://bucket/prefix.</summary>
    public string Location => _location.ToString();

    public async Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var written = await UploadAsync(key, content, ifGenerationMatch: 0, cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            _log.Debug("{Uri} already exists; the create-only write left it as it was", ObjectUri(key));
        }

        return written;
    }

    /// <summary>
    /// An unconditional upload: the caller's bytes are right whatever the object holds. Its chunks are resumed, but its
    /// session is never opened twice (see the class remarks), so a failure to open it reaches the caller.
    /// </summary>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await UploadAsync(key, content, ifGenerationMatch: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Uploads only while the object is still at the generation <paramref name="version"/>.</summary>
    public async Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) || generation == 0)
        {
            throw new ArgumentException($"'{version}' is not a generation read from this store.", nameof(version));
        }

        var written = await UploadAsync(key, content, generation, cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            _log.Debug("{Uri} changed after generation {Generation} was read; the conditional replace wrote nothing", ObjectUri(key), generation);
        }

        return written;
    }

    /// <summary>A fresh path in the local staging folder; the file is created by the writer, not here.</summary>
    public string StagingPath(string key)
    {
        ObjectKey.Validate(key);
        Directory.CreateDirectory(_options.StagingDirectory);
        return Path.Combine(_options.StagingDirectory, $"{ObjectKey.StagingPrefix}{Guid.NewGuid():N}-{Path.GetFileName(key)}");
    }

    /// <summary>Uploads the staged file as <paramref name="key"/>, streamed from disk in chunks, then deletes it.</summary>
    public async Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stagedPath);
        var name = _location.ObjectName(ObjectKey.Validate(key));
        if (!File.Exists(stagedPath))
        {
            throw new FileNotFoundException($"The staged file '{stagedPath}' for '{key}' does not exist.", stagedPath);
        }

        var file = new FileStream(stagedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await SendAsync(name, GcsContentTypes.For(key), file, ifGenerationMatch: null, cancellationToken).ConfigureAwait(false);
        }

        File.Delete(stagedPath);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) =>
        (await DownloadAsync(key, cancellationToken).ConfigureAwait(false))?.Content;

    public async Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken)
    {
        if (await DownloadAsync(key, cancellationToken).ConfigureAwait(false) is not { } download)
        {
            return null;
        }

        var generation = download.Metadata.Generation
            ?? throw new InvalidOperationException($"The download of {ObjectUri(key)} did not say which generation it read (no x-goog-generation header).");
        return new VersionedObject(download.Content, generation.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        try
        {
            await _client.GetObjectAsync(_location.Bucket, name, new GetObjectOptions { RetryOptions = _retry }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException e) when (e.IsNotFound())
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        try
        {
            await _client.DeleteObjectAsync(_location.Bucket, name, new DeleteObjectOptions { RetryOptions = _retry }, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.IsNotFound())
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Pages through <c>objects.list</c>. GCS lists names in lexicographic order of their UTF-8 bytes, which is
    /// ordinal order for every key the lake writes (ASCII, with symbols %-escaped). Folder placeholders (names
    /// ending in '/', made by the Cloud Console) are not objects of the lake and are skipped. Each object carries its
    /// <see cref="GcsFingerprint"/>.
    /// </summary>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var namePrefix = _location.NamePrefix;
        var listPrefix = namePrefix + prefix;
        var options = new ListObjectsOptions { PageSize = _options.ListPageSize, Fields = "items(name,size,md5Hash,generation),nextPageToken", RetryOptions = _retry };
        var objects = _client.ListObjectsAsync(_location.Bucket, listPrefix.Length > 0 ? listPrefix : null, options);
        await foreach (var item in objects.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.StartsWith(namePrefix, StringComparison.Ordinal) && !item.Name.EndsWith('/'))
            {
                yield return new ObjectInfo(item.Name[namePrefix.Length..], checked((long)(item.Size ?? 0)), GcsFingerprint.Of(item));
            }
        }
    }

    /// <summary>
    /// The common prefixes of the object names under <paramref name="prefix"/> up to the next '/' (a listing with
    /// <c>delimiter=/</c>, which returns no object of a folder, only the folder's name once), in ordinal order.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ListFolderPrefixesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            throw new ArgumentException($"A folder prefix ends with '/': '{prefix}'.", nameof(prefix));
        }

        var namePrefix = _location.NamePrefix;
        var listPrefix = namePrefix + prefix;
        var options = new ListObjectsOptions { PageSize = _options.ListPageSize, Delimiter = "/", Fields = "prefixes,nextPageToken", RetryOptions = _retry };
        // A set, so that a prefix given again on a later page (GCS gives each once; an emulator need not) is named once.
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var pages = _client.ListObjectsAsync(_location.Bucket, listPrefix.Length > 0 ? listPrefix : null, options).AsRawResponses();
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            folders.UnionWith((page.Prefixes ?? []).Where(p => p.StartsWith(namePrefix, StringComparison.Ordinal)).Select(p => p[namePrefix.Length..]));
        }

        return [.. folders];
    }

    /// <summary>Always null: objects in GCS are read through <see cref="ReadAsync"/>.</summary>
    public string? LocalPath(string key) => null;

    private UploadObjectOptions UploadOptions(long? ifGenerationMatch) =>
        new() { ChunkSize = _options.UploadChunkSize, IfGenerationMatch = ifGenerationMatch };

    /// <summary>Uploads <paramref name="content"/>; false when the generation precondition did not hold (412).</summary>
    private async Task<bool> UploadAsync(string key, ReadOnlyMemory<byte> content, long? ifGenerationMatch, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        using var source = AsStream(content);
        var outcome = await SendAsync(name, GcsContentTypes.For(key), source, ifGenerationMatch, cancellationToken).ConfigureAwait(false);
        if (outcome != UploadOutcome.RefusedAfterRetry)
        {
            return outcome == UploadOutcome.Written;
        }

        // An earlier try may have written the object before its answer was lost: only the bytes can tell.
        var current = await DownloadAsync(key, cancellationToken).ConfigureAwait(false);
        var ours = current is { } download && content.Span.SequenceEqual(download.Content);
        _log.Debug("A retried write of {Uri} was refused (412); the object holds {Whose} bytes", ObjectUri(key), ours ? "this writer's" : "other");
        return ours;
    }

    /// <summary>
    /// One resumable upload of the seekable <paramref name="source"/> with the retries of the class remarks. A 412
    /// answers <see cref="UploadOutcome.Refused"/> or <see cref="UploadOutcome.RefusedAfterRetry"/> when a precondition
    /// was given; every other failure throws once no retry is left.
    /// </summary>
    private async Task<UploadOutcome> SendAsync(string name, string contentType, Stream source, long? ifGenerationMatch, CancellationToken cancellationToken)
    {
        Google.Apis.Storage.v1.ObjectsResource.InsertMediaUpload? upload = null;
        Uri? session = null;
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                IUploadProgress progress;
                if (upload is null || session is null)
                {
                    source.Position = 0;
                    upload = _client.CreateObjectUploader(_location.Bucket, name, contentType, source, UploadOptions(ifGenerationMatch));
                    upload.UploadSessionData += opened => session = opened.UploadUri;
                    progress = await upload.UploadAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    progress = await upload.ResumeAsync(cancellationToken).ConfigureAwait(false);
                }

                if (progress.Status == UploadStatus.Completed)
                {
                    return UploadOutcome.Written;
                }

                failure = progress.Exception
                    ?? throw new InvalidOperationException($"The upload of gs://{_location.Bucket}/{name} stopped as {progress.Status} without an error.");
            }
            catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
            {
                // A chunk or resume query that timed out on HttpClient's own timeout: Google.Apis rethrows it instead of
                // reporting a failed upload, so it is taken here as the transient failure it is.
                failure = timedOut;
            }

            if (ifGenerationMatch is not null && failure is GoogleApiException { HttpStatusCode: HttpStatusCode.PreconditionFailed })
            {
                return attempt == 1 ? UploadOutcome.Refused : UploadOutcome.RefusedAfterRetry;
            }

            // An opened session is resumed; a session that failed to open, or that GCS no longer knows (404 or 410 to
            // a resume), is replaced by a new one only under a precondition (see the class remarks).
            var sessionGone = session is not null && failure is GoogleApiException { HttpStatusCode: HttpStatusCode.NotFound or HttpStatusCode.Gone };
            if (sessionGone)
            {
                session = null;
            }

            var resumable = session is not null;
            var retry = attempt < GcsRetries.Attempts
                && (sessionGone || GcsRetries.IsTransient(failure, cancellationToken))
                && (resumable || ifGenerationMatch is not null);
            if (!retry)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            _log.Warning(
                "Upload of {Uri} failed on try {Attempt} ({Failure}); {Action}",
                $"gs://{_location.Bucket}/{name}", attempt, TransientFailures.Describe(failure), resumable ? "resuming its session" : "opening a new session");
            await _retries.WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads the object with its metadata, retried on transient failures; null when it does not exist.</summary>
    private async Task<(byte[] Content, GcsObject Metadata)?> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        using var buffer = new MemoryStream();
        for (var attempt = 1; ; attempt++)
        {
            buffer.SetLength(0);
            try
            {
                var metadata = await _client.DownloadObjectAsync(_location.Bucket, name, buffer, options: null, cancellationToken).ConfigureAwait(false);
                return (buffer.ToArray(), metadata);
            }
            catch (GoogleApiException e) when (e.IsNotFound())
            {
                return null;
            }
            catch (Exception e) when (GcsRetries.Retries(e, attempt, cancellationToken))
            {
                _log.Warning("Download of {Uri} failed on try {Attempt} ({Failure}); retrying", ObjectUri(key), attempt, TransientFailures.Describe(e));
            }

            await _retries.WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A read-only, seekable view of the bytes (seekable, so the session knows the length and can rewind a chunk).</summary>
    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private string ObjectUri(string key) => $"gs://{_location.Bucket}/{_location.ObjectName(key)}";
}
