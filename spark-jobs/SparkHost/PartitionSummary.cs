using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Stages;
using ArrowTypes = Apache.Arrow.Types;

namespace StockLakehouse.SparkHost;

/// <summary>
/// A <see cref="PartitionOutcome"/> — what a stage did for one symbol, the shape the local runner reports too — as the
/// one row a grouped-map task returns to the driver, and back. The rows themselves never travel back: each task
/// writes its partition files through the lake's store, exactly as the local runner does, so a partition is replaced
/// by one object write and the layout is the local one byte for byte.
/// </summary>
internal static class PartitionSummary
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The summary's one declaration: the driver's Spark schema for the tasks' output is built from it.</summary>
    public static Schema Schema { get; } = new Schema.Builder()
        .Field(f => f.Name("symbol").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("rows_in").DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Field(f => f.Name("rows_out").DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Field(f => f.Name("partitions").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("rejects").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("last_date").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("duration_ms").DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Build();

    /// <summary>No row: the group held nothing to process.</summary>
    public static RecordBatch Empty() => Build([]);

    /// <summary>The one row of a symbol's outcome: its partitions one per line, its rejects as quarantine JSON lines, the last date "" when none.</summary>
    public static RecordBatch One(PartitionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Build([outcome]);
    }

    /// <summary>The outcome a summary row describes, as the driver collects it.</summary>
    public static PartitionOutcome Outcome(string symbol, long rowsIn, long rowsOut, string partitions, string rejects, string lastDate, long durationMs) => new(
        symbol,
        rowsIn,
        rowsOut,
        partitions.Length == 0 ? [] : partitions.Split('\n'),
        [.. rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<QuarantineRecord>(line)
            ?? throw new InvalidDataException($"The summary of '{symbol}' holds a reject that is null: '{line}'."))],
        lastDate.Length == 0 ? null : DateOnly.ParseExact(lastDate, DateFormat, CultureInfo.InvariantCulture),
        durationMs);

    private static RecordBatch Build(IReadOnlyList<PartitionOutcome> rows)
    {
        var symbol = new StringArray.Builder();
        var rowsIn = new Int64Array.Builder();
        var rowsOut = new Int64Array.Builder();
        var partitions = new StringArray.Builder();
        var rejects = new StringArray.Builder();
        var lastDate = new StringArray.Builder();
        var duration = new Int64Array.Builder();
        foreach (var row in rows)
        {
            symbol.Append(row.Symbol ?? throw new ArgumentException("A task's summary row needs the symbol of its partition.", nameof(rows)));
            rowsIn.Append(row.RowsIn);
            rowsOut.Append(row.RowsOut);
            partitions.Append(string.Join('\n', row.Written));
            rejects.Append(QuarantineRecord.JsonLines(row.Rejects));
            lastDate.Append(row.LastDate?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "");
            duration.Append(row.DurationMs);
        }

        return new RecordBatch(Schema, [symbol.Build(), rowsIn.Build(), rowsOut.Build(), partitions.Build(), rejects.Build(), lastDate.Build(), duration.Build()], rows.Count);
    }
}
