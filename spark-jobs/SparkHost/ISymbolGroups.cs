using Apache.Arrow;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The one thing the driver asks of Spark: read the lake files a <see cref="SymbolGroupQuery"/> names, group them by
/// symbol and run a grouped-map task on each group. <see cref="SparkJobs"/> does it with DataFrame calls; the tests do
/// it over Arrow batches shaped as Spark hands them.
/// </summary>
internal interface ISymbolGroups
{
    /// <summary>
    /// Runs <paramref name="task"/> once per symbol group of <paramref name="query"/>'s files and returns the summary
    /// rows the tasks returned (<see cref="PartitionSummary"/>) as the stage's outcomes. <paramref name="task"/> is
    /// handed to Spark as it is: Microsoft.Spark ships its target to the workers, so it must be a UDF's method.
    /// </summary>
    IReadOnlyList<PartitionOutcome> Apply(SymbolGroupQuery query, Func<RecordBatch, RecordBatch> task);
}
