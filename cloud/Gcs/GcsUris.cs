using System.Text;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The JSON API's request URIs. Object names go into a path segment or a query value percent-encoded
/// byte for byte (everything but RFC 3986 unreserved characters), so '/', '=', '%', '+', '?', '#' and spaces
/// in a name reach GCS as part of the name.
/// </summary>
internal static class GcsUris
{
    public static Uri Object(Uri endpoint, string bucket, string objectName, params (string Name, string Value)[] query) =>
        Build(endpoint, $"storage/v1/b/{Escape(bucket)}/o/{Escape(objectName)}", query);

    public static Uri Objects(Uri endpoint, string bucket, params (string Name, string Value)[] query) =>
        Build(endpoint, $"storage/v1/b/{Escape(bucket)}/o", query);

    public static Uri Upload(Uri endpoint, string bucket, params (string Name, string Value)[] query) =>
        Build(endpoint, $"upload/storage/v1/b/{Escape(bucket)}/o", query);

    /// <summary>Percent-encodes <paramref name="value"/> as UTF-8, leaving only A–Z a–z 0–9 - . _ ~.</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value);

    private static Uri Build(Uri endpoint, string path, (string Name, string Value)[] query)
    {
        var builder = new StringBuilder(endpoint.AbsoluteUri).Append(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            builder.Append(separator).Append(Escape(name)).Append('=').Append(Escape(value));
            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
