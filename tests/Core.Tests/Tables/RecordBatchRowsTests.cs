using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Tests.Tables;

public sealed class RecordBatchRowsTests
{
    private static RecordBatch Batch(string[] symbols, double?[] closes, DateOnly day) => new(
    [
        new StringColumn("symbol", symbols),
        new DateColumn("trade_date", symbols.Select((_, i) => day.AddDays(i)).ToArray()),
        new DoubleColumn("close", closes.Select(c => c ?? 0).ToArray(), closes.Any(c => c is null) ? closes.Select(c => c is not null).ToArray() : null),
        new BooleanColumn("flag", symbols.Select((_, i) => i % 2 == 0).ToArray()),
        new Int32Column("n", symbols.Select((_, i) => i).ToArray()),
        new Int64Column("volume", symbols.Select((_, i) => 1_000L * i).ToArray()),
        new TimestampColumn("at", symbols.Select((_, i) => new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero)).ToArray()),
    ]);

    private static string Describe(RecordBatch batch) =>
        string.Join(";", Enumerable.Range(0, batch.RowCount).Select(r => string.Join(",", batch.Columns.Select(c => c.GetValue(r)?.ToString() ?? "null"))));

    [Fact]
    public void Take_copies_the_chosen_rows_of_every_column_in_the_order_given_with_their_nulls()
    {
        var batch = Batch(["A", "B", null!, "D"], [1.5, null, 3.5, 4.5], new DateOnly(2026, 1, 1));

        var taken = RecordBatchRows.Take(batch, [3, 1, 2]);

        var expected = new[] { 3, 1, 2 }.Select(r => string.Join(",", batch.Columns.Select(c => c.GetValue(r)?.ToString() ?? "null")));
        Assert.Equal(string.Join(";", expected), Describe(taken));
        Assert.Equal([true, false, true], taken.Get<DoubleColumn>("close").Validity!);
        Assert.Null(taken.Get<Int32Column>("n").Validity);
        Assert.Equal(0, RecordBatchRows.Take(batch, []).RowCount);
    }

    [Fact]
    public void Slice_copies_a_range_of_rows_of_every_column_with_their_nulls_and_checks_its_bounds()
    {
        var batch = Batch(["A", "B", null!, "D"], [1.5, null, 3.5, 4.5], new DateOnly(2026, 1, 1));

        var head = RecordBatchRows.Slice(batch, 0, 2);
        var tail = RecordBatchRows.Slice(batch, 2, 2);

        Assert.Equal(Describe(RecordBatchRows.Take(batch, [0, 1])), Describe(head));
        Assert.Equal(Describe(RecordBatchRows.Take(batch, [2, 3])), Describe(tail));
        Assert.Equal([true, false], head.Get<DoubleColumn>("close").Validity!);
        Assert.Null(tail.Get<Int32Column>("n").Validity);
        Assert.Equal(Describe(batch), Describe(RecordBatchRows.Concat([head, tail])));
        Assert.Equal(0, RecordBatchRows.Slice(batch, 4, 0).RowCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordBatchRows.Slice(batch, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordBatchRows.Slice(batch, -1, 1));
    }

    [Fact]
    public void Concat_puts_the_batches_end_to_end_and_keeps_a_mask_only_where_a_part_has_nulls()
    {
        var first = Batch(["A", "B"], [1, 2], new DateOnly(2026, 1, 1));
        var second = Batch(["C"], [null], new DateOnly(2026, 2, 1));

        var joined = RecordBatchRows.Concat([first, second]);

        Assert.Equal(Describe(first) + ";" + Describe(second), Describe(joined));
        Assert.Equal([true, true, false], joined.Get<DoubleColumn>("close").Validity!);
        Assert.Null(RecordBatchRows.Concat([first, first]).Get<DoubleColumn>("close").Validity);
    }

    [Fact]
    public void Concat_refuses_batches_with_other_columns_and_no_batches()
    {
        var first = Batch(["A"], [1], new DateOnly(2026, 1, 1));
        var other = new RecordBatch([new StringColumn("symbol", ["B"]), new Int64Column("trade_date", [1])]);

        var error = Assert.Throws<ArgumentException>(() => RecordBatchRows.Concat([first, other]));

        Assert.Contains("Batch 1 has columns (symbol String, trade_date Int64)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RecordBatchRows.Concat([]));
    }
}
