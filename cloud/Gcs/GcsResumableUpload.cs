using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// Cloud Storage's resumable upload protocol: a POST (uploadType=resumable) opens a session whose URI comes
/// back in Location; the bytes follow in PUTs of one chunk each with <c>Content-Range: bytes a-b/total</c>.
/// GCS answers 308 with <c>Range: bytes=0-n</c> (what it has persisted) until the last chunk, then 200/201
/// with the object. After a failed or unanswered PUT the client asks where the upload stands
/// (<c>Content-Range: bytes */total</c>, empty body) and resumes from there, so a broken connection costs
/// at most one chunk.
/// </summary>
internal static class GcsResumableUpload
{
    private const int ResumeIncomplete = 308;

    public static async Task<UploadOutcome> RunAsync(
        GcsTransport transport,
        Uri endpoint,
        string bucket,
        string objectName,
        string contentType,
        IUploadBody body,
        bool createOnly,
        int chunkSize,
        CancellationToken cancellationToken)
    {
        var objectUri = $"gs://{bucket}/{objectName}";
        var session = await StartAsync(transport, endpoint, bucket, objectName, contentType, body.Length, createOnly, objectUri, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return UploadOutcome.AlreadyExists;
        }

        var total = body.Length;
        var offset = 0L;
        var failures = 0;
        var mustAskStatus = false;
        // Every round either advances the offset or counts a failure, and failures are bounded per stall.
        var maxRounds = ((total / GcsObjectStoreOptions.ChunkGranularity) + 2) * (transport.Retry.MaxAttempts + 1) * 2;
        for (var round = 0; round < maxRounds; round++)
        {
            var sent = mustAskStatus ? 0 : (int)Math.Min(chunkSize, total - offset);
            var from = offset;
            var (response, failure) = mustAskStatus
                ? await transport.SendOnceAsync(_ => ValueTask.FromResult(StatusQuery(session, total)), cancellationToken).ConfigureAwait(false)
                : await transport.SendOnceAsync(async token => Chunk(session, from, sent, total, await body.ContentAsync(from, sent, token).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (response is null || GcsTransport.IsTransientStatus(response.StatusCode))
                {
                    failures++;
                    var delay = transport.Retry.DelayBeforeRetry(failures, response is null ? null : transport.RetryAfterOf(response), Random.Shared.NextDouble());
                    if (delay is null)
                    {
                        throw response is null
                            ? new GcsException("upload", objectUri, null, true, $"GCS upload of {objectUri} failed at byte {offset} of {total} after {failures} attempts: {failure!.Message}", failure)
                            : await GcsException.FromResponseAsync("upload", objectUri, response, cancellationToken).ConfigureAwait(false);
                    }

                    await transport.WaitBeforeRetryAsync("upload", objectUri, response?.StatusCode, failure, failures, delay.Value, cancellationToken).ConfigureAwait(false);
                    mustAskStatus = true;
                    continue;
                }

                switch ((int)response.StatusCode)
                {
                    case ResumeIncomplete:
                        var persisted = PersistedLength(response);
                        if (persisted > total)
                        {
                            throw new GcsException("upload", objectUri, response.StatusCode, false, $"GCS reports {persisted} bytes persisted for {objectUri}, more than the {total} being uploaded.");
                        }

                        if (persisted == total)
                        {
                            throw new GcsException("upload", objectUri, response.StatusCode, false, $"GCS holds all {total} bytes of {objectUri} but did not finalize the upload.");
                        }

                        var progressed = persisted > offset;
                        var askedStatus = mustAskStatus;
                        offset = persisted;
                        mustAskStatus = false;
                        if (progressed)
                        {
                            failures = 0;
                        }
                        else if (!askedStatus)
                        {
                            // A chunk that moved nothing forward counts as a failed attempt, so a server that keeps
                            // refusing bytes ends the upload instead of being fed the same chunk without pause.
                            failures++;
                            var wait = transport.Retry.DelayBeforeRetry(failures, transport.RetryAfterOf(response), Random.Shared.NextDouble())
                                ?? throw new GcsException("upload", objectUri, response.StatusCode, true, $"GCS kept {objectUri} at byte {offset} of {total} after {failures} attempts.");
                            await transport.WaitBeforeRetryAsync("upload", objectUri, response.StatusCode, null, failures, wait, cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                    case (int)HttpStatusCode.OK or (int)HttpStatusCode.Created:
                        if (!mustAskStatus && from + sent != total)
                        {
                            throw new GcsException("upload", objectUri, response.StatusCode, false, $"GCS finalized {objectUri} after {from + sent} of {total} bytes; the object is incomplete.");
                        }

                        return UploadOutcome.Written;
                    case (int)HttpStatusCode.PreconditionFailed when createOnly:
                        return UploadOutcome.AlreadyExists;
                    case (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Gone:
                        throw new GcsException("upload", objectUri, response.StatusCode, false, $"The resumable upload session for {objectUri} expired or was cancelled ({(int)response.StatusCode}) at byte {offset} of {total}.");
                    default:
                        throw await GcsException.FromResponseAsync("upload", objectUri, response, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        throw new GcsException("upload", objectUri, null, false, $"GCS upload of {objectUri} made no progress in {maxRounds} requests (stuck at byte {offset} of {total}).");
    }

    /// <summary>Opens the session; null when a create-only upload finds the object already there.</summary>
    private static async Task<Uri?> StartAsync(
        GcsTransport transport,
        Uri endpoint,
        string bucket,
        string objectName,
        string contentType,
        long length,
        bool createOnly,
        string objectUri,
        CancellationToken cancellationToken)
    {
        (string, string)[] query = createOnly
            ? [("uploadType", "resumable"), ("name", objectName), ("ifGenerationMatch", "0")]
            : [("uploadType", "resumable"), ("name", objectName)];
        var uri = GcsUris.Upload(endpoint, bucket, query);
        var (response, _) = await transport.SendAsync("upload", objectUri, _ => ValueTask.FromResult(StartRequest(uri, objectName, contentType, length)), cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (createOnly && response.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return null;
            }

            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw await GcsException.FromResponseAsync("upload", objectUri, response, cancellationToken).ConfigureAwait(false);
            }

            return response.Headers.Location is { IsAbsoluteUri: true } session
                ? session
                : throw new GcsException("upload", objectUri, response.StatusCode, false, $"GCS opened a resumable upload for {objectUri} without an absolute session URI in Location.");
        }
    }

    private static HttpRequestMessage StartRequest(Uri uri, string objectName, string contentType, long length)
    {
        var metadata = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new GcsUploadMetadata(objectName, contentType), GcsJsonContext.Default.GcsUploadMetadata));
        metadata.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = metadata };
        request.Headers.Add("X-Upload-Content-Type", contentType);
        request.Headers.Add("X-Upload-Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static HttpRequestMessage Chunk(Uri session, long offset, int count, long total, HttpContent content)
    {
        content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + count - 1, total) { Unit = "bytes" };
        return new HttpRequestMessage(HttpMethod.Put, session) { Content = content };
    }

    private static HttpRequestMessage StatusQuery(Uri session, long total)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentRange = new ContentRangeHeaderValue(total) { Unit = "bytes" };
        return new HttpRequestMessage(HttpMethod.Put, session) { Content = content };
    }

    /// <summary>How many leading bytes GCS has persisted: one past the end of <c>Range: bytes=0-n</c>, or 0 without a Range.</summary>
    private static long PersistedLength(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Range", out var values))
        {
            return 0;
        }

        var range = values.First();
        const string unit = "bytes=0-";
        return range.StartsWith(unit, StringComparison.Ordinal)
               && long.TryParse(range.AsSpan(unit.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var last)
            ? last + 1
            : throw new GcsException($"GCS answered a resumable upload with an unreadable Range header '{range}'.");
    }
}
