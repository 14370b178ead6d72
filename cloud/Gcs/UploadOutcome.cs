namespace StockLakehouse.Cloud.Gcs;

/// <summary>How an upload ended.</summary>
internal enum UploadOutcome
{
    /// <summary>The object now holds the uploaded bytes.</summary>
    Written,

    /// <summary>A create-only upload found the object already there (412) and wrote nothing.</summary>
    AlreadyExists,

    /// <summary>
    /// A create-only upload got 412 on a retry: the object exists, and an earlier attempt of this very upload,
    /// whose response was lost, may be what created it.
    /// </summary>
    AlreadyExistsAfterRetry,
}
