using Serilog;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// Opens a lake by its location: <c>gs://bucket[/prefix]</c> is a <see cref="GcsObjectStore"/> authenticated with
/// Application Default Credentials, anything else a local folder (<c>file:</c> URIs included). When
/// <c>STORAGE_EMULATOR_HOST</c> is set (as for Google's own client libraries, e.g. <c>http://127.0.0.1:9199</c>),
/// gs:// locations go to that emulator with the emulator's owner token instead.
/// </summary>
public static class LakeStores
{
    /// <summary>The environment variable naming a Cloud Storage emulator.</summary>
    public const string EmulatorVariable = "STORAGE_EMULATOR_HOST";

    private static readonly Lazy<HttpClient> SharedHttp = new(() => GcsObjectStore.CreateHttpClient(TimeSpan.FromMinutes(5)));

    /// <summary>Whether <paramref name="location"/> names a Cloud Storage lake.</summary>
    public static bool IsGcs(string location) =>
        location?.StartsWith("gs://", StringComparison.Ordinal) ?? throw new ArgumentNullException(nameof(location));

    /// <summary>The local folder of a non-gs:// location (a path or a <c>file:</c> URI), made absolute.</summary>
    public static string LocalFolder(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (IsGcs(location))
        {
            throw new ArgumentException($"'{location}' is a Cloud Storage location, not a local folder.", nameof(location));
        }

        return Path.GetFullPath(location.StartsWith("file:", StringComparison.Ordinal) ? new Uri(location).LocalPath : location);
    }

    /// <summary>The store of <paramref name="location"/>; a malformed gs:// location throws <see cref="ArgumentException"/> or <see cref="FormatException"/>.</summary>
    public static IObjectStore Open(string location, ILogger log, TimeProvider? clock = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!IsGcs(location))
        {
            return new LocalDirectoryObjectStore(LocalFolder(location));
        }

        var options = new GcsObjectStoreOptions(GcsLocation.Parse(location));
        IAccessTokenSource tokens = new ApplicationDefaultTokenSource();
        if ((environment ?? Environment.GetEnvironmentVariable)(EmulatorVariable) is { Length: > 0 } emulator)
        {
            var endpoint = emulator.Contains("://", StringComparison.Ordinal) ? emulator : "http://" + emulator;
            options = options with { Endpoint = new Uri(endpoint.TrimEnd('/') + "/") };
            tokens = FixedAccessTokenSource.EmulatorOwner;
        }

        return new GcsObjectStore(options, SharedHttp.Value, tokens, log, clock);
    }
}
