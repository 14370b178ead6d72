namespace StockLakehouse.Jobs.Local;

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
}
