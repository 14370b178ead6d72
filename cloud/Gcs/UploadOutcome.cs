namespace StockLakehouse.Cloud.Gcs;

/// <summary>How a conditional upload ended, short of an error.</summary>
internal enum UploadOutcome
{
    /// <summary>The object now holds the uploaded bytes.</summary>
    Written,

    /// <summary>The first try was refused with 412: the precondition did not hold and nothing was written.</summary>
    Refused,

    /// <summary>
    /// A retry was refused with 412: either another writer was first, or an earlier try of this upload did
    /// write the object and only its answer was lost. Only the object's bytes can tell.
    /// </summary>
    RefusedAfterRetry,
}
