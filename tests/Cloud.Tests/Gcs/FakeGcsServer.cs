using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// An in-memory stand-in for the GCS JSON API at the HTTP level, for what the emulator does not enforce:
/// <c>ifGenerationMatch</c> (412 when the object's generation, 0 for none, differs, checked when a session opens
/// and again when it finalizes), the resumable protocol as documented (308 with <c>Range: bytes=0-n</c> until the
/// last byte, status queries with <c>bytes */total</c>), <c>x-goog-generation</c> on downloads, paging with opaque
/// tokens, and injected faults. It records every request with its raw URI and headers. Plugged into a
/// <c>StorageClient</c> through <see cref="HandlerHttpClientFactory"/>.
/// </summary>
internal sealed class FakeGcsServer : HttpMessageHandler
{
    public static readonly Uri Endpoint = new("https://fake-gcs.test/");

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadSession> _sessions = [];
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<ServerFault> _faults = [];
    private long _nextGeneration = 1_700_000_000_000_000;

    /// <summary>When set, a chunk PUT persists at most this many of its bytes (GCS may keep less than it was sent).</summary>
    public int? ChunkPersistLimit { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Inject(ServerFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Puts an object in place directly, as another writer would.</summary>
    public void Seed(string bucket, string name, byte[] content)
    {
        lock (_gate)
        {
            _objects[bucket + "/" + name] = new StoredObject(content, _nextGeneration++);
        }
    }

    /// <summary>Puts a composite object in place (one made by <c>objects.compose</c>, which GCS gives no MD5).</summary>
    public void SeedComposite(string bucket, string name, byte[] content)
    {
        lock (_gate)
        {
            _objects[bucket + "/" + name] = new StoredObject(content, _nextGeneration++, Composite: true);
        }
    }

    /// <summary>Removes an object, as another writer would.</summary>
    public void Remove(string bucket, string name)
    {
        lock (_gate)
        {
            _objects.Remove(bucket + "/" + name);
        }
    }

    public byte[]? Content(string bucket, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(bucket + "/" + name, out var stored) ? stored.Content : null;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await ReceivedRequest.ReadAsync(request, cancellationToken);
        ServerFault? fault;
        lock (_gate)
        {
            _requests.Add(recorded);
            fault = _faults.FirstOrDefault(f => f.Matches(recorded));
            if (fault is not null)
            {
                _faults.Remove(fault);
            }
        }

        if (fault is { BreakBefore: true })
        {
            throw new HttpRequestException("Connection reset by peer (injected before the server saw the request).");
        }

        if (fault is { Status: { } status })
        {
            var faulted = new HttpResponseMessage(status) { Content = new StringContent($"{{\"error\":{{\"code\":{(int)status},\"message\":\"Injected {status}.\"}}}}") };
            if (fault.RetryAfter is { } retryAfter)
            {
                faulted.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
            }

            return faulted;
        }

        HttpResponseMessage response;
        lock (_gate)
        {
            response = Route(recorded);
        }

        if (fault is { BreakAfter: true })
        {
            response.Dispose();
            throw new HttpRequestException("Connection reset by peer (injected after the server handled the request).");
        }

        if (fault is { TimeOutAfter: true })
        {
            // The work is done but the answer never comes: only the HttpClient's own timeout ends the wait.
            response.Dispose();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object value) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Error(HttpStatusCode status, string message) =>
        Json(status, new { error = new { code = (int)status, message } });

    private static object Resource(string bucket, string name, StoredObject stored) => new
    {
        kind = "storage#object",
        bucket,
        name,
        size = stored.Content.Length.ToString(CultureInfo.InvariantCulture),
        generation = stored.Generation.ToString(CultureInfo.InvariantCulture),
        md5Hash = stored.Composite ? null : Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(stored.Content)),
    };

    private HttpResponseMessage Route(ReceivedRequest request)
    {
        var path = request.RawPath;
        const string uploadPrefix = "/upload/storage/v1/b/";
        const string apiPrefix = "/storage/v1/b/";
        if (path.StartsWith(uploadPrefix, StringComparison.Ordinal) && path.EndsWith("/o", StringComparison.Ordinal))
        {
            var bucket = Uri.UnescapeDataString(path[uploadPrefix.Length..^2]);
            return request.Method == HttpMethod.Post ? StartUpload(bucket, request)
                : request.Method == HttpMethod.Put ? ContinueUpload(request)
                : Error(HttpStatusCode.MethodNotAllowed, "Unsupported method.");
        }

        if (path.StartsWith(apiPrefix, StringComparison.Ordinal) && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete))
        {
            var rest = path[apiPrefix.Length..];
            var slash = rest.IndexOf("/o", StringComparison.Ordinal);
            var bucket = Uri.UnescapeDataString(rest[..slash]);
            var objectPart = rest[(slash + 2)..];
            if (objectPart.Length == 0)
            {
                return List(bucket, request);
            }

            // One path segment: an encoded '/' must arrive as %2F, never as a separator.
            var escapedName = objectPart[1..];
            if (escapedName.Contains('/', StringComparison.Ordinal))
            {
                return Error(HttpStatusCode.NotFound, $"Not found: the object name '{escapedName}' was not sent as one path segment.");
            }

            var name = Uri.UnescapeDataString(escapedName);
            if (!_objects.TryGetValue(bucket + "/" + name, out var stored))
            {
                return Error(HttpStatusCode.NotFound, $"No such object: {bucket}/{name}");
            }

            if (request.Method == HttpMethod.Delete)
            {
                _objects.Remove(bucket + "/" + name);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            if (request.QueryValue("alt") != "media")
            {
                return Json(HttpStatusCode.OK, Resource(bucket, name, stored));
            }

            var media = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(stored.Content) };
            media.Headers.TryAddWithoutValidation("x-goog-generation", stored.Generation.ToString(CultureInfo.InvariantCulture));
            return media;
        }

        return Error(HttpStatusCode.NotImplemented, $"The fake does not serve {request.Method} {path}.");
    }

    private HttpResponseMessage StartUpload(string bucket, ReceivedRequest request)
    {
        // The name travels in the query or, as Google's client libraries send it, in the JSON metadata body.
        var name = request.QueryValue("name");
        if (string.IsNullOrEmpty(name) && request.Content.Length > 0 && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            using var metadata = JsonDocument.Parse(request.Content);
            name = metadata.RootElement.TryGetProperty("name", out var named) ? named.GetString() : null;
        }

        if (string.IsNullOrEmpty(name))
        {
            return Error(HttpStatusCode.BadRequest, "Required parameter: name.");
        }

        long? ifGenerationMatch = request.QueryValue("ifGenerationMatch") is { } match ? long.Parse(match, CultureInfo.InvariantCulture) : null;
        if (!Holds(bucket + "/" + name, ifGenerationMatch))
        {
            return Error(HttpStatusCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold.");
        }

        switch (request.QueryValue("uploadType"))
        {
            case "media":
                return Finalize(bucket, name, request.Content, ifGenerationMatch);
            case "resumable":
                var id = Guid.NewGuid().ToString("N");
                _sessions[id] = new UploadSession(bucket, name, ifGenerationMatch);
                var response = new HttpResponseMessage(HttpStatusCode.OK);
                response.Headers.Location = new Uri($"{Endpoint}upload/storage/v1/b/{Uri.EscapeDataString(bucket)}/o?uploadType=resumable&name={Uri.EscapeDataString(name)}&upload_id={id}");
                return response;
            default:
                return Error(HttpStatusCode.BadRequest, "Unsupported uploadType.");
        }
    }

    private HttpResponseMessage ContinueUpload(ReceivedRequest request)
    {
        if (request.QueryValue("upload_id") is not { } id || !_sessions.TryGetValue(id, out var session))
        {
            return Error(HttpStatusCode.NotFound, "No such upload session.");
        }

        if (session.Finished is { } finished)
        {
            return finished.Status == HttpStatusCode.OK ? Json(HttpStatusCode.OK, finished.Resource!) : Error(finished.Status, "The upload already ended.");
        }

        var range = request.ContentRange ?? "";
        if (!range.StartsWith("bytes ", StringComparison.Ordinal) || !range.Contains('/', StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.BadRequest, $"Bad Content-Range '{range}'.");
        }

        var spec = range["bytes ".Length..];
        var total = long.Parse(spec[(spec.IndexOf('/', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        if (!spec.StartsWith('*'))
        {
            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            var first = long.Parse(spec[..dash], CultureInfo.InvariantCulture);
            var last = long.Parse(spec[(dash + 1)..spec.IndexOf('/', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            if (last - first + 1 != request.Content.Length)
            {
                return Error(HttpStatusCode.BadRequest, $"Content-Range '{range}' does not match the {request.Content.Length} bytes sent.");
            }

            if (first > session.Received.Length)
            {
                return Error(HttpStatusCode.BadRequest, $"Content-Range '{range}' starts after the {session.Received.Length} bytes persisted.");
            }

            // Bytes before what is persisted are skipped; the limit models GCS keeping only part of a chunk.
            var fresh = request.Content.AsSpan((int)(session.Received.Length - first));
            if (ChunkPersistLimit is { } limit && last + 1 < total)
            {
                fresh = fresh[..Math.Min(limit, fresh.Length)];
            }

            session.Received.Write(fresh);
        }

        // The last chunk finalizes; so does "bytes */0", which is how an empty object is uploaded.
        if ((!spec.StartsWith('*') || total == 0) && session.Received.Length == total)
        {
            var result = Finalize(session.Bucket, session.Name, session.Received.ToArray(), session.IfGenerationMatch);
            session.Finished = (result.StatusCode, result.StatusCode == HttpStatusCode.OK ? Resource(session.Bucket, session.Name, _objects[session.Bucket + "/" + session.Name]) : null);
            return result;
        }

        var incomplete = new HttpResponseMessage((HttpStatusCode)308);
        if (session.Received.Length > 0)
        {
            incomplete.Headers.TryAddWithoutValidation("Range", $"bytes=0-{session.Received.Length - 1}");
        }

        return incomplete;
    }

    private bool Holds(string key, long? ifGenerationMatch) =>
        ifGenerationMatch is not { } expected || (_objects.TryGetValue(key, out var current) ? current.Generation : 0) == expected;

    private HttpResponseMessage Finalize(string bucket, string name, byte[] content, long? ifGenerationMatch)
    {
        var key = bucket + "/" + name;
        if (!Holds(key, ifGenerationMatch))
        {
            return Error(HttpStatusCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold.");
        }

        var stored = new StoredObject(content, _nextGeneration++);
        _objects[key] = stored;
        return Json(HttpStatusCode.OK, Resource(bucket, name, stored));
    }

    /// <summary>
    /// objects.list: names under <c>prefix</c> in ordinal order, <c>maxResults</c> at a time. With a <c>delimiter</c>, a
    /// name holding it after the prefix is not returned; its prefix up to and including the delimiter is, once, among the
    /// <c>prefixes</c>, and counts towards the page like an object.
    /// </summary>
    private HttpResponseMessage List(string bucket, ReceivedRequest request)
    {
        var prefix = bucket + "/" + (request.QueryValue("prefix") ?? "");
        var delimiter = request.QueryValue("delimiter");
        var pageSize = int.Parse(request.QueryValue("maxResults") ?? "1000", CultureInfo.InvariantCulture);
        var after = request.QueryValue("pageToken") is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        var entries = new SortedDictionary<string, StoredObject?>(StringComparer.Ordinal);
        foreach (var (key, stored) in _objects.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var cut = string.IsNullOrEmpty(delimiter) ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            if (cut < 0)
            {
                entries[key] = stored;
            }
            else
            {
                entries[key[..(cut + delimiter!.Length)]] = null;
            }
        }

        var matching = entries.Where(pair => after is null || string.CompareOrdinal(pair.Key, after) > 0).Take(pageSize + 1).ToList();
        var page = matching.Take(pageSize).ToList();
        var items = page.Where(pair => pair.Value is not null).Select(pair => Resource(bucket, pair.Key[(bucket.Length + 1)..], pair.Value!)).ToList();
        var prefixes = page.Where(pair => pair.Value is null).Select(pair => pair.Key[(bucket.Length + 1)..]).ToList();
        var next = matching.Count > pageSize ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key)) : null;
        var answer = new Dictionary<string, object?> { ["kind"] = "storage#objects" };
        if (items.Count > 0 || next is not null)
        {
            answer["items"] = items;
        }

        if (prefixes.Count > 0)
        {
            answer["prefixes"] = prefixes;
        }

        if (next is not null)
        {
            answer["nextPageToken"] = next;
        }

        // As GCS does, only the top-level fields a `fields` mask asks for (a mask without `prefixes` gets none).
        var wanted = request.QueryValue("fields") is { } fields ? TopLevelFields(fields) : null;
        return Json(HttpStatusCode.OK, answer.Where(pair => wanted is null || wanted.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value));
    }

    /// <summary>The top-level names of a partial-response mask: <c>items(name,size),nextPageToken</c> gives items and nextPageToken.</summary>
    private static HashSet<string> TopLevelFields(string mask)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= mask.Length; i++)
        {
            var c = i < mask.Length ? mask[i] : ',';
            if (c == '(')
            {
                if (depth++ == 0)
                {
                    names.Add(mask[start..i].Trim());
                }
            }
            else if (c == ')')
            {
                depth--;
                start = i + 1;
            }
            else if (c == ',' && depth == 0)
            {
                if (mask[start..i].Trim() is { Length: > 0 } name)
                {
                    names.Add(name);
                }

                start = i + 1;
            }
        }

        return names;
    }
}
