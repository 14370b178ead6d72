namespace StockLakehouse.Core.Warehouse;

/// <summary>The warehouse's last load did not finish (or none was recorded), so its tables may mix two loads; checking it would vouch for rows nobody committed.</summary>
public sealed class UncommittedLoadException : InvalidOperationException
{
    /// <summary>The refusal when the warehouse records no load at all.</summary>
    public const string NoLoadSentence = "The warehouse records no completed load; run load before the checks.";

    /// <summary>The refusal when the last load did not commit, up to its run id (<see cref="NotFinished"/>).</summary>
    public const string NotFinishedBeforeRunId = "The warehouse's last load (run ";

    /// <summary>The refusal when the last load did not commit, after its run id (<see cref="NotFinished"/>).</summary>
    public const string NotFinishedAfterRunId = ") did not finish, so its tables may be part-loaded; run load again before the checks.";

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

    /// <summary>
    /// The refusal of a warehouse that records no load. Its sentence is also the one the BigQuery load record's
    /// query raises, so a Composer run and a local <c>check</c> say the same.
    /// </summary>
    public static UncommittedLoadException NoLoad() => new(NoLoadSentence);

    /// <summary>The refusal of a warehouse whose last load, <paramref name="runId"/>, did not commit.</summary>
    public static UncommittedLoadException NotFinished(string runId) => new(NotFinishedBeforeRunId + runId + NotFinishedAfterRunId);
}
