namespace StockLakehouse.Cloud.Gcs;

/// <summary>Where a <see cref="GcsObjectStore"/> keeps the lake and how it talks to Cloud Storage.</summary>
public sealed record GcsObjectStoreOptions
{
    /// <summary>Resumable-upload chunks must be multiples of 256 KiB (except the last one).</summary>
    public const int ChunkGranularity = 256 * 1024;

    public GcsObjectStoreOptions(GcsLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
    }

    /// <summary>The bucket and prefix under which object keys live.</summary>
    public GcsLocation Location { get; init; }

    /// <summary>
    /// The JSON API's root: <c>https://storage.googleapis.com/</c>, or an emulator such as
    /// <c>http://127.0.0.1:9199/</c> (the value of STORAGE_EMULATOR_HOST for Google's own client libraries).
    /// </summary>
    public Uri Endpoint { get; init; } = new("https://storage.googleapis.com/");

    /// <summary>Objects larger than this many bytes are sent in a resumable upload session; smaller ones in one request.</summary>
    public long ResumableThreshold { get; init; } = 8L * 1024 * 1024;

    /// <summary>The size of each PUT in a resumable upload; a multiple of <see cref="ChunkGranularity"/>.</summary>
    public int ResumableChunkSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Objects asked for per list request (GCS serves at most 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>The local folder for staged files (<see cref="GcsObjectStore.StagingPath"/>).</summary>
    public string StagingDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "stocklakehouse-gcs-staging");

    public GcsRetryPolicy Retry { get; init; } = GcsRetryPolicy.Default;

    /// <summary>Checks the values; a configuration error throws with the bad value named.</summary>
    public GcsObjectStoreOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Location, nameof(Location));
        ArgumentNullException.ThrowIfNull(Endpoint, nameof(Endpoint));
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https") || !Endpoint.AbsolutePath.EndsWith('/') || Endpoint.Query.Length > 0)
        {
            throw new ArgumentException($"The endpoint '{Endpoint}' must be an absolute http(s) URI ending in '/' without a query.", nameof(Endpoint));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ResumableThreshold, nameof(ResumableThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResumableChunkSize, ChunkGranularity, nameof(ResumableChunkSize));
        if (ResumableChunkSize % ChunkGranularity != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ResumableChunkSize), ResumableChunkSize, $"The resumable chunk size must be a multiple of {ChunkGranularity} bytes.");
        }

        if (ResumableThreshold > ResumableChunkSize)
        {
            // A simple upload is buffered in one chunk-sized buffer; anything larger must go up resumably.
            throw new ArgumentOutOfRangeException(nameof(ResumableThreshold), ResumableThreshold, $"The resumable threshold must not exceed the chunk size ({ResumableChunkSize} bytes).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1, nameof(ListPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 1000, nameof(ListPageSize));
        ArgumentException.ThrowIfNullOrWhiteSpace(StagingDirectory, nameof(StagingDirectory));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        return this;
    }
}
