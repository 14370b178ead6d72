namespace StockLakehouse.Cli.Locking;

/// <summary>Another process holds the lake's writer lock; the message names it.</summary>
internal sealed class LakeLockedException : Exception
{
    public LakeLockedException(string message)
        : base(message)
    {
    }
}
