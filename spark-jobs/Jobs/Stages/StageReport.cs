using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>What a transform stage did: records in and out, rejects by reason, partitions written.</summary>
public sealed record StageReport(
    string Stage,
    long RecordsIn,
    long RecordsOut,
    IReadOnlyDictionary<string, long> RejectsByReason,
    int PartitionsWritten,
    IReadOnlyList<string> Outputs)
{
    public long Rejects => RejectsByReason.Values.Sum();

    /// <summary>
    /// How many partitions had their tail rewritten alone (<see cref="LakeLayout.TailFileName"/> written without the
    /// partition's own file): silver's daily merges that read and wrote no more than the partition's recent rows, and
    /// gold's daily writes of a fact partition's recent rows alone (<see cref="GoldFiles"/>).
    /// </summary>
    public int TailsRewrittenAlone
    {
        get
        {
            var written = Outputs.ToHashSet(StringComparer.Ordinal);
            return Outputs.Count(key => LakeLayout.FileOfTail(key) is { } file && !written.Contains(file));
        }
    }

    /// <summary>How many symbols gold computed from silver's tail and the state it kept, without reading silver's file (<see cref="GoldResume"/>).</summary>
    public int SymbolsResumed { get; init; }

    /// <summary>
    /// How silver listed the raw bodies (<see cref="RawListing"/>): "since_last" (only the folders that changed since it
    /// last recorded them) or "whole"; null for other stages.
    /// </summary>
    public string? RawListing { get; init; }

    /// <summary>How many raw folders (ingest dates of a dataset) silver listed; null for other stages.</summary>
    public int? RawFoldersListed { get; init; }

    /// <summary>
    /// The report of a stage from its steps' outcomes: the sums of their rows, their rejects counted by reason, every
    /// Parquet partition they wrote, and every object they wrote (partitions and quarantine files) as outputs.
    /// </summary>
    public static StageReport From(string stage, IEnumerable<PartitionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var steps = outcomes.ToArray();
        var written = steps.SelectMany(s => s.Written).ToArray();
        return new StageReport(
            stage,
            steps.Sum(s => s.RowsIn),
            steps.Sum(s => s.RowsOut),
            steps.SelectMany(s => s.Rejects)
                .GroupBy(r => r.Reason)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count()),
            written.Count(key => key.EndsWith(".parquet", StringComparison.Ordinal)),
            written)
        {
            SymbolsResumed = steps.Count(s => s.Resumed),
        };
    }
}
