namespace StockLakehouse.Core.Warehouse;

/// <summary>The warehouse's last load did not finish (or none was recorded), so its tables may mix two loads; checking it would vouch for rows nobody committed.</summary>
public sealed class UncommittedLoadException : InvalidOperationException
{
    public UncommittedLoadException(string message)
        : base(message)
    {
    }

    public UncommittedLoadException()
    {
    }

    public UncommittedLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
