using System.Collections.Concurrent;
using Google.Cloud.Storage.V1;
using Serilog;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// Opens a lake by its location: <c>gs://bucket[/prefix]</c> is a <see cref="GcsObjectStore"/> on the client of
/// <see cref="GcsClients.FromEnvironment"/> (Application Default Credentials, or the emulator named by
/// <c>STORAGE_EMULATOR_HOST</c>), anything else a local folder (<c>file:</c> URIs included).
/// </summary>
public static class LakeStores
{
    /// <summary>The environment variable naming a Cloud Storage emulator.</summary>
    public const string EmulatorVariable = GcsClients.EmulatorVariable;

    // One client per emulator setting (empty for Cloud Storage): clients are thread-safe and hold the credential.
    private static readonly ConcurrentDictionary<string, Lazy<StorageClient>> Clients = new(StringComparer.Ordinal);

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
    public static IObjectStore Open(string location, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!IsGcs(location))
        {
            return new LocalDirectoryObjectStore(LocalFolder(location));
        }

        var options = new GcsObjectStoreOptions(GcsLocation.Parse(location));
        var emulator = Environment.GetEnvironmentVariable(EmulatorVariable) ?? "";
        var client = Clients.GetOrAdd(emulator, _ => new Lazy<StorageClient>(GcsClients.FromEnvironment)).Value;
        return new GcsObjectStore(options, client, log);
    }
}
