using System.Globalization;
using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Expressions;
using Microsoft.Spark.Sql.Types;
using StockLakehouse.Jobs.Stages;
using static Microsoft.Spark.Sql.Functions;
using RecordBatch = Apache.Arrow.RecordBatch;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The Spark calls of the silver and gold jobs, and nothing else: Spark lists and reads the lake's files
/// (<c>binaryFile</c>), groups them by symbol and runs one grouped-map task per symbol, whose summary rows it collects
/// to the driver. What is read, the stage's steps around the tasks and the summary are <see cref="StageDriver"/>'s.
/// </summary>
internal sealed class SparkJobs : ISymbolGroups
{
    /// <summary>The Spark schema of what the grouped-map tasks return: <see cref="PartitionSummary.Schema"/>, field for field.</summary>
    private static readonly StructType Summary = new(PartitionSummary.Schema.FieldsList.Select(f => new StructField(f.Name, f.DataType switch
    {
        Apache.Arrow.Types.StringType => new StringType(),
        Apache.Arrow.Types.Int64Type => new LongType(),
        _ => throw new NotSupportedException($"The summary column '{f.Name}' is Arrow {f.DataType.Name}, which the host does not map to a Spark type."),
    }, f.IsNullable)));

    private readonly SparkSession _spark;
    private readonly string _lake;

    public SparkJobs(SparkSession spark, string lake)
    {
        ArgumentNullException.ThrowIfNull(spark);
        _spark = spark;
        _lake = lake;
    }

    public IReadOnlyList<PartitionOutcome> Apply(SymbolGroupQuery query, Func<RecordBatch, RecordBatch> task)
    {
        ArgumentNullException.ThrowIfNull(query);
        var files = _spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", "*" + query.Extension)
            .Option("recursiveFileLookup", "true")
            .Load(query.Prefixes.Select(prefix => $"{_lake}/{prefix}").ToArray())
            .Select(RegexpExtract(Col("path"), query.SymbolPattern, 1).Alias("group_symbol"), Col("path"), Col("content"));
        if (query.CountsGroupFiles)
        {
            files = files.Select(
                Col("group_symbol"),
                Col("path"),
                Col("content"),
                Count(Col("path")).Over(Window.PartitionBy("group_symbol")).Alias(SilverPartitionUdf.GroupFilesColumn));
        }

        return Outcomes(files.GroupBy("group_symbol").Apply(Summary, task));
    }

    /// <summary>The tasks' summary rows, collected to the driver, as the stage's outcomes.</summary>
    private static PartitionOutcome[] Outcomes(DataFrame summaries) =>
        [.. summaries.Collect().Select(r => PartitionSummary.Outcome(
            r.GetAs<string>("symbol"),
            Long(r, "rows_in"),
            Long(r, "rows_out"),
            r.GetAs<string>("partitions"),
            r.GetAs<string>("rejects"),
            r.GetAs<string>("last_date"),
            Long(r, "duration_ms")))];

    /// <summary>Spark hands small longs back as Int32 through its pickler, so read them without assuming the boxed type.</summary>
    private static long Long(Row row, string column) => Convert.ToInt64(row.Get(column), CultureInfo.InvariantCulture);
}
