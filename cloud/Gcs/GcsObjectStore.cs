using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;
using Serilog;
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
/// Retries are the library's, following Google's idempotency rules: metadata reads and listings are retried on
/// 408, 429 and 5xx with <see cref="GcsObjectStoreOptions.RetryTiming"/>; an upload's session is never started
/// twice, so no write — conditional or not — is repeated blindly, while a chunk that fails with 5xx or a broken
/// connection is resumed inside its session after asking GCS how many bytes it kept. Media downloads are not
/// retried by the library (Google.Cloud.Storage.V1 5.0.0). Other failures surface as
/// <see cref="GoogleApiException"/>. The store does not own the <see cref="StorageClient"/>.
/// </para>
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    private readonly GcsObjectStoreOptions _options;
    private readonly GcsLocation _location;
    private readonly StorageClient _client;
    private readonly RetryOptions _retry;
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
    /// An unconditional upload: the caller's bytes are right whatever the object holds. Not retried as a whole (see the
    /// class remarks), so a failure reaches the caller, whose own rerun decides.
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
            await _client.UploadObjectAsync(_location.Bucket, name, GcsContentTypes.For(key), file, UploadOptions(null), cancellationToken).ConfigureAwait(false);
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
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Pages through <c>objects.list</c>. GCS lists names in lexicographic order of their UTF-8 bytes, which is
    /// ordinal order for every key the lake writes (ASCII, with symbols %-escaped). Folder placeholders (names
    /// ending in '/', made by the Cloud Console) are not objects of the lake and are skipped.
    /// </summary>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var namePrefix = _location.NamePrefix;
        var listPrefix = namePrefix + prefix;
        var options = new ListObjectsOptions { PageSize = _options.ListPageSize, Fields = "items(name,size),nextPageToken", RetryOptions = _retry };
        var objects = _client.ListObjectsAsync(_location.Bucket, listPrefix.Length > 0 ? listPrefix : null, options);
        await foreach (var item in objects.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.StartsWith(namePrefix, StringComparison.Ordinal) && !item.Name.EndsWith('/'))
            {
                yield return new ObjectInfo(item.Name[namePrefix.Length..], checked((long)(item.Size ?? 0)));
            }
        }
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
        try
        {
            await _client.UploadObjectAsync(_location.Bucket, name, GcsContentTypes.For(key), source, UploadOptions(ifGenerationMatch), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException e) when (ifGenerationMatch is not null && e.HttpStatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private async Task<(byte[] Content, GcsObject Metadata)?> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        using var buffer = new MemoryStream();
        try
        {
            var metadata = await _client.DownloadObjectAsync(_location.Bucket, name, buffer, options: null, cancellationToken).ConfigureAwait(false);
            return (buffer.ToArray(), metadata);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A read-only, seekable view of the bytes (seekable, so the session knows the length and can rewind a chunk).</summary>
    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private string ObjectUri(string key) => $"gs://{_location.Bucket}/{_location.ObjectName(key)}";
}
