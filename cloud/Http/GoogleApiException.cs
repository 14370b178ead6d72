using System.Net;
using System.Text.Json;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// A Google Cloud REST call answered with an error. <see cref="Exception.Message"/> is the API's own
/// <c>error.message</c>, verbatim, prefixed with the call; <see cref="Status"/> and <see cref="Reasons"/> come
/// from the standard error body <c>{"error":{"code":…,"message":…,"errors":[{"reason":…}],"status":…}}</c>.
/// </summary>
public sealed class GoogleApiException : Exception
{
    public GoogleApiException(string call, HttpStatusCode statusCode, string? status, string apiMessage, IReadOnlyList<string> reasons, string body)
        : base($"{call} failed with HTTP {(int)statusCode}{(status is null ? string.Empty : " " + status)}: {apiMessage}")
    {
        Call = call;
        StatusCode = statusCode;
        Status = status;
        ApiMessage = apiMessage;
        Reasons = reasons;
        Body = body;
    }

    /// <summary>The request, e.g. <c>POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries</c>.</summary>
    public string Call { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The canonical status, e.g. <c>INVALID_ARGUMENT</c>, <c>ALREADY_EXISTS</c>, <c>NOT_FOUND</c>.</summary>
    public string? Status { get; }

    /// <summary><c>error.message</c> exactly as the API sent it (or the body when it was not the standard shape).</summary>
    public string ApiMessage { get; }

    /// <summary>Every <c>error.errors[].reason</c>, e.g. <c>invalidQuery</c>, <c>duplicate</c>, <c>notFound</c>.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The response body as received.</summary>
    public string Body { get; }

    /// <summary>Worth retrying: rate limited or a server-side failure.</summary>
    public bool IsTransient => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict;

    /// <summary>Reads the standard Google error body; a body of another shape becomes the message as is.</summary>
    public static GoogleApiException FromResponse(string call, HttpStatusCode statusCode, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : body;
                var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                var reasons = error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                    ? errors.EnumerateArray()
                        .Select(e => e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)
                        .OfType<string>()
                        .ToArray()
                    : [];
                return new GoogleApiException(call, statusCode, status, message, reasons, body);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a plain-text 429): the body itself is the most precise message.
        }

        return new GoogleApiException(call, statusCode, null, body.Trim(), [], body);
    }
}
