namespace StockLakehouse.Extractor.Catalog;

/// <summary>
/// A source cannot be built from the options given: an unknown source name, a missing API key, a folder or
/// file that does not exist. Bad input from the user, reported before anything is fetched or written.
/// </summary>
public sealed class SourceConfigurationException : Exception
{
    public SourceConfigurationException()
    {
    }

    public SourceConfigurationException(string message)
        : base(message)
    {
    }

    public SourceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
