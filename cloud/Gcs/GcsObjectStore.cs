using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The lake's object store in a Cloud Storage bucket, over the JSON API. Object names are the location's
/// prefix, '/', and the key. A GCS object write is atomic — readers see the old or the new object, never a
/// part — so no staging objects are needed in the bucket: <see cref="StagingPath"/> is a local file.
/// Create-only writes send <c>ifGenerationMatch=0</c>, which GCS enforces atomically (412 when the object
/// exists). Objects larger than <see cref="GcsObjectStoreOptions.ResumableThreshold"/> go up in a resumable
/// session, chunk by chunk. Transient failures (429, 5xx, broken connections, timeouts) are retried with
/// backoff per <see cref="GcsObjectStoreOptions.Retry"/>; other failures throw <see cref="GcsException"/>.
/// The store does not own the <see cref="HttpClient"/>.
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    private readonly GcsObjectStoreOptions _options;
    private readonly GcsLocation _location;
    private readonly GcsTransport _transport;

    public GcsObjectStore(GcsObjectStoreOptions options, HttpClient http, IAccessTokenSource tokens, ILogger log, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(log);
        _options = options.Validate();
        _location = options.Location;
        _transport = new GcsTransport(http, tokens, options.Retry, log.ForContext<GcsObjectStore>(), clock ?? TimeProvider.System);
    }

    /// <summary>gs://bucket or gs://bucket/prefix.</summary>
    public string Location => _location.ToString();

    /// <summary>
    /// An <see cref="HttpClient"/> suited to the store: redirects are not followed (the resumable protocol's
    /// 308 is not a redirect) and pooled connections are renewed so DNS changes are seen.
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan requestTimeout) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = requestTimeout,
        };

    public async Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = new MemoryUploadBody(content);
        var outcome = await UploadAsync("create", key, body, createOnly: true, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            UploadOutcome.Written => true,
            // The attempt whose response was lost may have created the object: if it holds exactly our bytes, it is ours.
            UploadOutcome.AlreadyExistsAfterRetry => (await ReadAsync(key, cancellationToken).ConfigureAwait(false))?.AsSpan().SequenceEqual(content.Span) == true,
            _ => false,
        };
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = new MemoryUploadBody(content);
        await UploadAsync("put", key, body, createOnly: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A fresh path in the local staging folder; the file is created by the writer, not here.</summary>
    public string StagingPath(string key)
    {
        ObjectKey.Validate(key);
        Directory.CreateDirectory(_options.StagingDirectory);
        return Path.Combine(_options.StagingDirectory, $"{ObjectKey.StagingPrefix}{Guid.NewGuid():N}-{Path.GetFileName(key)}");
    }

    /// <summary>Uploads the staged file as <paramref name="key"/> (resumable when large), then deletes it.</summary>
    public async Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stagedPath);
        if (!File.Exists(stagedPath))
        {
            throw new FileNotFoundException($"The staged file '{stagedPath}' for '{key}' does not exist.", stagedPath);
        }

        using (var body = FileUploadBody.Open(stagedPath, _options.ResumableChunkSize))
        {
            await UploadAsync("publish", key, body, createOnly: false, cancellationToken).ConfigureAwait(false);
        }

        File.Delete(stagedPath);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        var uri = GcsUris.Object(_options.Endpoint, _location.Bucket, name, ("alt", "media"));
        var (response, _) = await _transport.SendAsync("read", ObjectUri(name), _ => Get(uri), cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }

            throw await GcsException.FromResponseAsync("read", ObjectUri(name), response, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        var uri = GcsUris.Object(_options.Endpoint, _location.Bucket, name, ("fields", "name"));
        var (response, _) = await _transport.SendAsync("exists", ObjectUri(name), _ => Get(uri), cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            throw await GcsException.FromResponseAsync("exists", ObjectUri(name), response, cancellationToken).ConfigureAwait(false);
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
        var listUri = ObjectUri(listPrefix);
        string? pageToken = null;
        while (true)
        {
            var query = new List<(string Name, string Value)>
            {
                ("maxResults", _options.ListPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("fields", "items(name,size,generation),nextPageToken"),
            };
            if (listPrefix.Length > 0)
            {
                query.Add(("prefix", listPrefix));
            }

            if (pageToken is not null)
            {
                query.Add(("pageToken", pageToken));
            }

            var uri = GcsUris.Objects(_options.Endpoint, _location.Bucket, [.. query]);
            GcsObjectPage page;
            var (response, _) = await _transport.SendAsync("list", listUri, _ => Get(uri), cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await GcsException.FromResponseAsync("list", listUri, response, cancellationToken).ConfigureAwait(false);
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    page = await JsonSerializer.DeserializeAsync(stream, GcsJsonContext.Default.GcsObjectPage, cancellationToken).ConfigureAwait(false)
                        ?? throw new GcsException("list", listUri, response.StatusCode, false, $"GCS list of {listUri} returned an empty body.");
                }
            }

            foreach (var item in page.Items ?? [])
            {
                if (item.Name.StartsWith(namePrefix, StringComparison.Ordinal) && !item.Name.EndsWith('/'))
                {
                    yield return new ObjectInfo(item.Name[namePrefix.Length..], item.Size);
                }
            }

            if (string.IsNullOrEmpty(page.NextPageToken))
            {
                yield break;
            }

            if (page.NextPageToken == pageToken)
            {
                throw new GcsException("list", listUri, null, false, $"GCS list of {listUri} returned the page token it was given; stopping instead of looping.");
            }

            pageToken = page.NextPageToken;
        }
    }

    /// <summary>Always null: objects in GCS are read through <see cref="ReadAsync"/>.</summary>
    public string? LocalPath(string key) => null;

    private static ValueTask<HttpRequestMessage> Get(Uri uri) => ValueTask.FromResult(new HttpRequestMessage(HttpMethod.Get, uri));

    private async Task<UploadOutcome> UploadAsync(string operation, string key, IUploadBody body, bool createOnly, CancellationToken cancellationToken)
    {
        var name = _location.ObjectName(ObjectKey.Validate(key));
        var contentType = GcsContentTypes.For(key);
        if (body.Length > _options.ResumableThreshold)
        {
            return await GcsResumableUpload.RunAsync(
                _transport, _options.Endpoint, _location.Bucket, name, contentType, body, createOnly, _options.ResumableChunkSize, cancellationToken).ConfigureAwait(false);
        }

        (string, string)[] query = createOnly
            ? [("uploadType", "media"), ("name", name), ("ifGenerationMatch", "0")]
            : [("uploadType", "media"), ("name", name)];
        var uri = GcsUris.Upload(_options.Endpoint, _location.Bucket, query);
        var (response, attempts) = await _transport.SendAsync(
            operation,
            ObjectUri(name),
            async token =>
            {
                var content = await body.ContentAsync(0, checked((int)body.Length), token).ConfigureAwait(false);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return UploadOutcome.Written;
            }

            if (createOnly && response.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return attempts > 1 ? UploadOutcome.AlreadyExistsAfterRetry : UploadOutcome.AlreadyExists;
            }

            throw await GcsException.FromResponseAsync(operation, ObjectUri(name), response, cancellationToken).ConfigureAwait(false);
        }
    }

    private string ObjectUri(string objectName) => $"gs://{_location.Bucket}/{objectName}";
}
