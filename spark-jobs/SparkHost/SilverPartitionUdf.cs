using Apache.Arrow;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The silver grouped-map function: receives every raw object of one symbol (bodies and their .meta.json) and hands
/// them to <see cref="SilverStage.RunPartitionAsync"/> — the stage the local runner calls — which replaces the
/// symbol's silver partition. Microsoft.Spark ships the UDF's target to the workers field by field, so it holds
/// nothing but the lake's address and the run id, and no static field.
/// </summary>
/// <remarks>
/// The worker calls the UDF once per Arrow batch, and Spark cuts batches at
/// <c>spark.sql.execution.arrow.maxRecordsPerBatch</c> rows, group or no group. A partition written from part
/// of a group would silently lose bars, so each row carries its group's file count
/// (<see cref="GroupFilesColumn"/>, a window count in <see cref="SparkJobs"/>' query, which <see cref="StageDriver"/> asks for) and a batch holding fewer
/// rows than that fails the task before anything is written.
/// </remarks>
[Serializable]
internal sealed class SilverPartitionUdf
{
    /// <summary>The column with the number of files in the row's group (the same on every row of the group).</summary>
    public const string GroupFilesColumn = "group_files";

    private readonly string _lake;
    private readonly string _runId;

    public SilverPartitionUdf(string lake, string runId)
    {
        _lake = lake;
        _runId = runId;
    }

    public RecordBatch Apply(RecordBatch input)
    {
        RequireWholeGroup(input);
        var files = LakeFiles.Read(input, LakeLayout.RawRoot + "/");
        var bodies = files.Keys.Where(LakeLayout.IsRawBody).Order(StringComparer.Ordinal).ToArray();
        if (bodies.Length == 0 || !Symbol.TryParse(LakeLayout.SymbolOf(bodies[0]), out var symbol))
        {
            return PartitionSummary.Empty();
        }

        // The UDF's body is synchronous and runs on a worker thread with no synchronization context to deadlock on.
        var outcome = new SilverStage(LakeStores.Context(_lake, _runId))
            .RunPartitionAsync(symbol, bodies, (key, _) => Task.FromResult(files.GetValueOrDefault(key)), CancellationToken.None)
            .GetAwaiter().GetResult();
        return PartitionSummary.One(outcome);
    }

    /// <summary>Throws unless <paramref name="input"/> holds every file of its group.</summary>
    private static void RequireWholeGroup(RecordBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Not Schema.GetFieldIndex: Apache.Arrow 14 throws from it, with no name, when the field is missing.
        if (!input.Schema.FieldsList.Any(f => f.Name == GroupFilesColumn))
        {
            throw new InvalidOperationException($"The silver task's input has no '{GroupFilesColumn}' column, so it cannot tell whether it holds the whole group; its columns are {string.Join(", ", input.Schema.FieldsList.Select(f => f.Name))}.");
        }

        if (input.Length == 0)
        {
            return;
        }

        var expected = ((Int64Array)input.Column(GroupFilesColumn)).GetValue(0);
        if (expected != input.Length)
        {
            var symbol = ((StringArray)input.Column("group_symbol")).GetString(0);
            throw new InvalidOperationException(
                $"The silver task for the symbol '{symbol}' received {input.Length} of the group's {expected} raw files in one Arrow batch: " +
                "Spark split the group across batches, and a partition written from part of it would lose bars, so nothing was written. " +
                $"Raise spark.sql.execution.arrow.maxRecordsPerBatch above {expected} (cloud/Dataproc/SparkHostJobs.cs sets it for the batches).");
        }
    }
}
