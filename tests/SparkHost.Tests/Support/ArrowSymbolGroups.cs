using System.Text.RegularExpressions;
using StockLakehouse.Jobs.Stages;
using RecordBatch = Apache.Arrow.RecordBatch;

namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>
/// <see cref="ISymbolGroups"/> over a <see cref="TempLake"/>, as <see cref="SparkJobs"/>' query does it on Spark: the
/// files under the query's prefixes ending in its extension, with their paths as Spark's <c>binaryFile</c> source
/// lists them, grouped by the query's pattern; each group handed to the task as one Arrow batch of
/// <see cref="BinaryFileRows"/> (with the group's file count when the query asks for it), and the task's summary rows
/// decoded as the driver collects them.
/// </summary>
internal sealed class ArrowSymbolGroups : ISymbolGroups
{
    private readonly TempLake _lake;

    public ArrowSymbolGroups(TempLake lake) => _lake = lake;

    public IReadOnlyList<PartitionOutcome> Apply(SymbolGroupQuery query, Func<RecordBatch, RecordBatch> task)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(task);
        var keys = query.Prefixes
            .SelectMany(prefix => _lake.Objects(prefix))
            .Select(o => o.Key)
            .Where(key => key.EndsWith(query.Extension, StringComparison.Ordinal));
        var outcomes = new List<PartitionOutcome>();
        foreach (var group in keys.GroupBy(key => Regex.Match(BinaryFileRows.LocalPath(_lake.Folder, key), query.SymbolPattern).Groups[1].Value, StringComparer.Ordinal))
        {
            var rows = query.CountsGroupFiles ? _lake.SilverGroup(group.Key, group) : _lake.Group(group.Key, group);
            outcomes.AddRange(SummaryRow.Read(task(rows)).Select(r => PartitionSummary.Outcome(r.Symbol, r.RowsIn, r.RowsOut, r.Partitions, r.Rejects, r.LastDate, r.DurationMs)));
        }

        return outcomes;
    }
}
