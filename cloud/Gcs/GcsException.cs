using System.Net;
using System.Text.Json;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// A Cloud Storage request that failed: the operation, the object, the HTTP status (null when no response
/// came back) and GCS's own error message. <see cref="IsTransient"/> is true when retrying later may succeed
/// (the retries were used up on 429, 5xx or a broken connection).
/// </summary>
public sealed class GcsException : Exception
{
    private const int MaxBodyInMessage = 500;

    public GcsException(string message)
        : base(message)
    {
        Operation = "";
        ObjectUri = "";
    }

    public GcsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "";
        ObjectUri = "";
    }

    public GcsException()
        : this("A Cloud Storage request failed.")
    {
    }

    internal GcsException(string operation, string objectUri, HttpStatusCode? statusCode, bool isTransient, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        ObjectUri = objectUri;
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>What was being done: create, put, read, exists, list, upload.</summary>
    public string Operation { get; }

    /// <summary>The gs:// URI of the object or prefix concerned.</summary>
    public string ObjectUri { get; }

    public HttpStatusCode? StatusCode { get; }

    public bool IsTransient { get; }

    /// <summary>An exception for an unexpected response, quoting GCS's error message (or the start of the body).</summary>
    internal static async Task<GcsException> FromResponseAsync(string operation, string objectUri, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var detail = ErrorMessageOf(body);
        var transient = GcsTransport.IsTransientStatus(status);
        return new GcsException(
            operation,
            objectUri,
            status,
            transient,
            $"GCS {operation} of {objectUri} failed with {(int)status} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : "")}");
    }

    private static string ErrorMessageOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): quote it as it is.
        }

        var trimmed = body.Trim();
        return trimmed.Length <= MaxBodyInMessage ? trimmed : trimmed[..MaxBodyInMessage] + "…";
    }
}
