namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>Two fresh lakes for one test: the local runner writes into <see cref="Local"/>, the host's UDFs into <see cref="Spark"/>.</summary>
public abstract class RunnerComparison : IDisposable
{
    private protected TempLake Local { get; } = new();

    private protected TempLake Spark { get; } = new();

    public void Dispose()
    {
        Local.Dispose();
        Spark.Dispose();
        GC.SuppressFinalize(this);
    }
}
