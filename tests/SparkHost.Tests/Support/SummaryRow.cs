using Apache.Arrow;

namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>One row of the summary batch a grouped-map task returns to the driver.</summary>
internal sealed record SummaryRow(string Symbol, long RowsIn, long RowsOut, string Partitions, string Rejects, string LastDate, long DurationMs)
{
    /// <summary>The summary's rows, after checking the batch's schema: the columns the driver reads, none nullable.</summary>
    public static IReadOnlyList<SummaryRow> Read(RecordBatch summary)
    {
        Assert.Equal(
            [
                ("symbol", "utf8", false),
                ("rows_in", "int64", false),
                ("rows_out", "int64", false),
                ("partitions", "utf8", false),
                ("rejects", "utf8", false),
                ("last_date", "utf8", false),
                ("duration_ms", "int64", false),
            ],
            summary.Schema.FieldsList.Select(f => (f.Name, f.DataType.Name, f.IsNullable)));

        // Validity from IsNull: Apache.Arrow 14.0.2's GetString answers null for a valid "" when every value of the
        // array is "" (its value buffer is then empty), though the value on the wire is a valid empty string.
        string Text(string column, int row)
        {
            var values = (StringArray)summary.Column(column);
            return values.IsNull(row) ? throw new InvalidDataException($"The summary's {column} is NULL in row {row}.") : values.GetString(row) ?? "";
        }

        long Number(string column, int row) =>
            ((Int64Array)summary.Column(column)).GetValue(row) ?? throw new InvalidDataException($"The summary's {column} is NULL in row {row}.");

        return Enumerable.Range(0, summary.Length)
            .Select(row => new SummaryRow(Text("symbol", row), Number("rows_in", row), Number("rows_out", row), Text("partitions", row), Text("rejects", row), Text("last_date", row), Number("duration_ms", row)))
            .ToArray();
    }
}
