using Google.Cloud.Storage.V1;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>Where a <see cref="GcsObjectStore"/> keeps the lake, and how it uploads, lists and retries.</summary>
public sealed record GcsObjectStoreOptions
{
    public GcsObjectStoreOptions(GcsLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
    }

    /// <summary>The bucket and prefix under which object keys live.</summary>
    public GcsLocation Location { get; init; }

    /// <summary>
    /// The size of each PUT of an upload session (<see cref="UploadObjectOptions.ChunkSize"/>): objects up to this
    /// size go up in one PUT; larger ones in several, each resumable on its own. A multiple of
    /// <see cref="UploadObjectOptions.MinimumChunkSize"/> (256 KiB).
    /// </summary>
    public int UploadChunkSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Objects asked for per list request (GCS serves at most 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>The local folder for staged files (<see cref="GcsObjectStore.StagingPath"/>).</summary>
    public string StagingDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "stocklakehouse-gcs-staging");

    /// <summary>
    /// The back-off of every retried request (on 408, 429, 5xx and broken connections): the reads of metadata and
    /// listings the library retries, and the downloads and uploads the store retries itself (see
    /// <see cref="GcsObjectStore"/>). The library's default is 1 s doubling to at most 32 s.
    /// </summary>
    public RetryTiming RetryTiming { get; init; } = RetryTiming.Default;

    /// <summary>The clock the store's own retries wait on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Checks the values; a configuration error throws with the bad value named.</summary>
    public GcsObjectStoreOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Location, nameof(Location));
        ArgumentOutOfRangeException.ThrowIfLessThan(UploadChunkSize, UploadObjectOptions.MinimumChunkSize, nameof(UploadChunkSize));
        if (UploadChunkSize % UploadObjectOptions.MinimumChunkSize != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(UploadChunkSize), UploadChunkSize, $"The upload chunk size must be a multiple of {UploadObjectOptions.MinimumChunkSize} bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1, nameof(ListPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 1000, nameof(ListPageSize));
        ArgumentException.ThrowIfNullOrWhiteSpace(StagingDirectory, nameof(StagingDirectory));
        ArgumentNullException.ThrowIfNull(RetryTiming, nameof(RetryTiming));
        ArgumentNullException.ThrowIfNull(Clock, nameof(Clock));
        return this;
    }
}
