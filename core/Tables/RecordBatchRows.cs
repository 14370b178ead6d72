namespace StockLakehouse.Core.Tables;

/// <summary>Copies of chosen rows of record batches: a selection or a range of one batch's rows, and several batches end to end.</summary>
public static class RecordBatchRows
{
    /// <summary>The rows of <paramref name="batch"/> at <paramref name="rows"/>, in that order, copied into a new batch with the same columns.</summary>
    public static RecordBatch Take(RecordBatch batch, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        return new RecordBatch(batch.Columns.Select(column => Take(column, rows)).ToArray());
    }

    /// <summary>
    /// The <paramref name="count"/> rows of <paramref name="batch"/> from <paramref name="start"/> on, copied block by
    /// block into a new batch with the same columns (a partition's file or its tail, cut from its whole rows).
    /// </summary>
    public static RecordBatch Slice(RecordBatch batch, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, batch.RowCount, nameof(count));
        return new RecordBatch(batch.Columns.Select(column => Slice(column, start, count)).ToArray());
    }

    /// <summary>
    /// The rows of <paramref name="batches"/> one batch after the other, in a new batch. Every batch must have the same
    /// columns, by name, type and order.
    /// </summary>
    public static RecordBatch Concat(IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("Concatenating record batches needs at least one batch.", nameof(batches));
        }

        var first = batches[0];
        var columns = new Column[first.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var parts = new Column[batches.Count];
            for (var b = 0; b < batches.Count; b++)
            {
                var column = batches[b].Columns.Count == columns.Length ? batches[b].Columns[c] : null;
                if (column is null || column.Name != first.Columns[c].Name || column.Type != first.Columns[c].Type)
                {
                    throw new ArgumentException(
                        $"Batch {b} has columns ({Describe(batches[b])}) where batch 0 has ({Describe(first)}); only batches with the same columns can be concatenated.",
                        nameof(batches));
                }

                parts[b] = column;
            }

            columns[c] = Concat(parts);
        }

        return new RecordBatch(columns);
    }

    private static string Describe(RecordBatch batch) => string.Join(", ", batch.Columns.Select(c => $"{c.Name} {c.Type}"));

    private static Column Take(Column column, IReadOnlyList<int> rows) => column switch
    {
        BooleanColumn c => Take<bool>(c, rows, (v, m) => new BooleanColumn(c.Name, v, m)),
        Int32Column c => Take<int>(c, rows, (v, m) => new Int32Column(c.Name, v, m)),
        Int64Column c => Take<long>(c, rows, (v, m) => new Int64Column(c.Name, v, m)),
        DoubleColumn c => Take<double>(c, rows, (v, m) => new DoubleColumn(c.Name, v, m)),
        DateColumn c => Take<DateOnly>(c, rows, (v, m) => new DateColumn(c.Name, v, m)),
        TimestampColumn c => Take<DateTimeOffset>(c, rows, (v, m) => new TimestampColumn(c.Name, v, m)),
        StringColumn c => new StringColumn(c.Name, Take(c.Values, rows)),
        _ => throw new ArgumentException($"Column '{column.Name}' is a {column.GetType().Name}, which cannot be copied.", nameof(column)),
    };

    private static Column Slice(Column column, int start, int count) => column switch
    {
        BooleanColumn c => new BooleanColumn(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        Int32Column c => new Int32Column(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        Int64Column c => new Int64Column(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        DoubleColumn c => new DoubleColumn(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        DateColumn c => new DateColumn(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        TimestampColumn c => new TimestampColumn(c.Name, Slice(c.Values, start, count), SliceMask(c.Validity, start, count)),
        StringColumn c => new StringColumn(c.Name, Slice(c.Values, start, count)),
        _ => throw new ArgumentException($"Column '{column.Name}' is a {column.GetType().Name}, which cannot be copied.", nameof(column)),
    };

    private static T[] Slice<T>(T[] values, int start, int count) => values.AsSpan(start, count).ToArray();

    private static bool[]? SliceMask(bool[]? validity, int start, int count) => validity?.AsSpan(start, count).ToArray();

    private static Column Concat(Column[] parts) => parts[0] switch
    {
        BooleanColumn c => Concat<bool>(parts, (v, m) => new BooleanColumn(c.Name, v, m)),
        Int32Column c => Concat<int>(parts, (v, m) => new Int32Column(c.Name, v, m)),
        Int64Column c => Concat<long>(parts, (v, m) => new Int64Column(c.Name, v, m)),
        DoubleColumn c => Concat<double>(parts, (v, m) => new DoubleColumn(c.Name, v, m)),
        DateColumn c => Concat<DateOnly>(parts, (v, m) => new DateColumn(c.Name, v, m)),
        TimestampColumn c => Concat<DateTimeOffset>(parts, (v, m) => new TimestampColumn(c.Name, v, m)),
        StringColumn c => new StringColumn(c.Name, Concat(parts.Select(p => ((StringColumn)p).Values).ToArray())),
        _ => throw new ArgumentException($"Column '{parts[0].Name}' is a {parts[0].GetType().Name}, which cannot be copied.", nameof(parts)),
    };

    private static Column Take<T>(PrimitiveColumn<T> column, IReadOnlyList<int> rows, Func<T[], bool[]?, Column> create)
        where T : unmanaged =>
        create(Take(column.Values, rows), column.Validity is null ? null : Take(column.Validity, rows));

    /// <summary>The parts' values end to end, and their validity masks (null when every part is all valid).</summary>
    private static Column Concat<T>(Column[] parts, Func<T[], bool[]?, Column> create)
        where T : unmanaged
    {
        var typed = parts.Cast<PrimitiveColumn<T>>().ToArray();
        var validity = typed.All(p => p.Validity is null)
            ? null
            : Concat(typed.Select(p => p.Validity ?? AllValid(p.Length)).ToArray());
        return create(Concat(typed.Select(p => p.Values).ToArray()), validity);
    }

    private static bool[] AllValid(int length)
    {
        var valid = new bool[length];
        Array.Fill(valid, true);
        return valid;
    }

    /// <summary>The arrays end to end, copied block by block (gold reads every symbol's silver file and tail through this).</summary>
    private static T[] Concat<T>(T[][] arrays)
    {
        var joined = new T[arrays.Sum(a => a.Length)];
        var offset = 0;
        foreach (var array in arrays)
        {
            Array.Copy(array, 0, joined, offset, array.Length);
            offset += array.Length;
        }

        return joined;
    }

    private static T[] Take<T>(T[] values, IReadOnlyList<int> rows)
    {
        var taken = new T[rows.Count];
        for (var i = 0; i < taken.Length; i++)
        {
            taken[i] = values[rows[i]];
        }

        return taken;
    }
}
