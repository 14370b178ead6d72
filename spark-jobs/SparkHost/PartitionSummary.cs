using Apache.Arrow;
using StockLakehouse.Core.Lake;
using ArrowTypes = Apache.Arrow.Types;

namespace StockLakehouse.SparkHost;

/// <summary>
/// What a grouped-map task returns to the driver for one symbol: rows in and out, the partition keys it
/// replaced, and its rejects as JSON lines. The rows themselves never travel back: each task writes its
/// partition files through the lake's store, exactly as the local runner does, so a partition is replaced by
/// one object write and the layout is the local one byte for byte.
/// </summary>
internal static class PartitionSummary
{
    /// <summary>The summary's one declaration: the driver's Spark schema for the tasks' output is built from it.</summary>
    public static Schema Schema { get; } = new Schema.Builder()
        .Field(f => f.Name("symbol").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("rows_in").DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Field(f => f.Name("rows_out").DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Field(f => f.Name("partitions").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("rejects").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("last_date").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Build();

    /// <summary>No row: the group held nothing to process.</summary>
    public static RecordBatch Empty() => Build([]);

    /// <param name="lastDate">The symbol's newest bar, if it has one: the driver extends dim_date to it.</param>
    public static RecordBatch One(string symbol, long rowsIn, long rowsOut, IEnumerable<string> partitions, IEnumerable<QuarantineRecord> rejects, DateOnly? lastDate = null)
    {
        var lines = QuarantineRecord.JsonLines(rejects.OrderBy(r => r.RawObject, StringComparer.Ordinal).ThenBy(r => r.Index));
        return Build([(symbol, rowsIn, rowsOut, string.Join('\n', partitions), lines, lastDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
    }

    private static RecordBatch Build(IReadOnlyList<(string Symbol, long In, long Out, string Partitions, string Rejects, string LastDate)> rows)
    {
        var symbol = new StringArray.Builder();
        var rowsIn = new Int64Array.Builder();
        var rowsOut = new Int64Array.Builder();
        var partitions = new StringArray.Builder();
        var rejects = new StringArray.Builder();
        var lastDate = new StringArray.Builder();
        foreach (var row in rows)
        {
            symbol.Append(row.Symbol);
            rowsIn.Append(row.In);
            rowsOut.Append(row.Out);
            partitions.Append(row.Partitions);
            rejects.Append(row.Rejects);
            lastDate.Append(row.LastDate);
        }

        return new RecordBatch(Schema, [symbol.Build(), rowsIn.Build(), rowsOut.Build(), partitions.Build(), rejects.Build(), lastDate.Build()], rows.Count);
    }
}
