namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// The extract stopped on an error (the lake refused a write, for example). Everything in <see cref="Partial"/>
/// had finished and what it landed stays; the message is the error's, which is <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class ExtractFailedException : Exception, IPartialExtract
{
    public ExtractFailedException()
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractFailedException(string message)
        : base(message)
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Partial = new ExtractReport(0, 0, 0, 0, []);
    }

    public ExtractFailedException(ExtractReport partial, Exception cause)
        : base(cause?.Message, cause)
    {
        Partial = partial;
    }

    public ExtractReport Partial { get; }
}
