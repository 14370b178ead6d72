using System.Net;
using System.Text.Json;
using Google;
using Google.Apis.Requests;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Turns an error answer of a Google REST API into the library's own <see cref="GoogleApiException"/> — the
/// type Google.Apis-based clients such as Google.Cloud.Storage.V1 throw too, so a caller handles one type for
/// every Google service. The standard body <c>{"error":{"code":…,"message":…,"errors":[{"reason":…}],"status":…}}</c>
/// fills <see cref="GoogleApiException.Error"/>; the exception's message names the call, the status and the
/// API's own message verbatim.
/// </summary>
public static class GoogleApiErrors
{
    /// <param name="call">The request, e.g. <c>POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries</c>.</param>
    /// <param name="serviceName">The API, e.g. <c>bigquery</c> (the host's first label).</param>
    public static GoogleApiException FromResponse(string call, string serviceName, HttpStatusCode statusCode, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (message, status, errors) = Parse(body);
        var text = $"{call} failed with HTTP {(int)statusCode}{(status is null ? string.Empty : " " + status)}: {message}";
        return new GoogleApiException(serviceName, text)
        {
            HttpStatusCode = statusCode,
            Error = new RequestError
            {
                Code = (int)statusCode,
                Message = message,
                Errors = errors,
                ErrorResponseContent = body,
            },
        };
    }

    /// <summary>The service name of an endpoint: <c>bigquery</c> for <c>bigquery.googleapis.com</c>.</summary>
    public static string ServiceOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }

    private static (string Message, string? Status, IList<SingleError> Errors) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var message = StringOf(error, "message") ?? body;
                var errors = error.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray()
                        .Where(e => e.ValueKind == JsonValueKind.Object)
                        .Select(e => new SingleError
                        {
                            Reason = StringOf(e, "reason"),
                            Message = StringOf(e, "message"),
                            Domain = StringOf(e, "domain"),
                            Location = StringOf(e, "location"),
                            LocationType = StringOf(e, "locationType"),
                        })
                        .ToList()
                    : [];
                return (message, StringOf(error, "status"), errors);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a plain-text 429): the body itself is the most precise message.
        }

        return (body.Trim(), null, []);
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
