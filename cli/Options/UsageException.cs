namespace StockLakehouse.Cli.Options;

/// <summary>A problem with what the user asked for; reported as one sentence with exit code 2, no stack trace.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
