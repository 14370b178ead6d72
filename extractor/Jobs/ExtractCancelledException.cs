namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// The extract was cancelled (Ctrl+C). Everything in <see cref="Partial"/> had landed and stays; the rest is
/// missing and the next run fetches it. An <see cref="OperationCanceledException"/>, so callers that only
/// know cancellation handle it as such.
/// </summary>
public sealed class ExtractCancelledException : OperationCanceledException, IPartialExtract
{
    public ExtractCancelledException()
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractCancelledException(string message)
        : base(message)
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractCancelledException(ExtractReport partial, OperationCanceledException cause)
        : base("The extract was cancelled; the objects that had landed are kept.", cause, cause?.CancellationToken ?? default)
    {
        Partial = partial;
    }

    /// <summary>The requests finished before the cancellation.</summary>
    public ExtractReport Partial { get; }
}
