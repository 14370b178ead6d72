namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// What loading one table did: rows read from the lake, and rows inserted, updated (values changed) and deleted in
/// the warehouse. A count the engine does not report (BigQuery runs the MERGE as one script job and reports no
/// per-statement counts back) is null rather than a guess. DuckDB replaces the partitions of a small whole batch
/// (<c>DuckDbWarehouse.WholeBatchReplaceRows</c>) without reading their old values: there, updated counts the rows of
/// keys the partitions kept, whose values were written again whether or not they changed.
/// </summary>
public sealed record LoadResult(string Table, long? RowsRead, long? Inserted, long? Updated, long? Deleted, long? RowsAfter)
{
    /// <summary>
    /// Of the partitions loaded, how many were merged only from a date on (their file known to differ from the loaded
    /// one only in rows from then on); null when the engine does not bound its merges.
    /// </summary>
    public long? PartitionsFromADate { get; init; }

    /// <summary>
    /// Of those, how many had their changed rows read from a run's change file instead of their partition file; null
    /// when the engine reads none.
    /// </summary>
    public long? PartitionsFromChangeFiles { get; init; }
}
