using System.Buffers;
using Parquet;
using Parquet.Schema;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// Writes one slice of a <see cref="Column"/> into a row group. Values go to Parquet.Net as they are (no copy) when a
/// column has no NULL; an OPTIONAL column gets its definition levels, and its non-NULL values packed, in pooled buffers.
/// </summary>
internal static class ParquetColumnWriter
{
    public static Task WriteAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken cancellationToken) => column switch
    {
        BooleanColumn c => WriteAsync(group, field, c.Values, c.Validity, start, count, cancellationToken),
        Int32Column c => WriteAsync(group, field, c.Values, c.Validity, start, count, cancellationToken),
        Int64Column c => WriteAsync(group, field, c.Values, c.Validity, start, count, cancellationToken),
        DoubleColumn c => WriteAsync(group, field, c.Values, c.Validity, start, count, cancellationToken),
        DateColumn c => WriteAsync(group, field, c.Values, c.Validity, start, count, cancellationToken),
        TimestampColumn c => WriteTimestampsAsync(group, field, c, start, count, cancellationToken),
        StringColumn c => WriteStringsAsync(group, field, c.Values, start, count, cancellationToken),
        _ => throw new NotSupportedException($"Column '{column.Name}' is a {column.GetType().Name}, which has no Parquet writer."),
    };

    private static async Task WriteAsync<T>(ParquetRowGroupWriter group, DataField field, T[] values, bool[]? validity, int start, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var slice = new ReadOnlyMemory<T>(values, start, count);
        if (!field.IsNullable)
        {
            await group.WriteAsync(field, slice, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var levels = ArrayPool<int>.Shared.Rent(count);
        var packed = validity is null ? null : ArrayPool<T>.Shared.Rent(count);
        try
        {
            var present = packed is null ? AllPresent(levels, count) : Pack(values, validity!, start, count, packed, levels);
            var written = packed is null ? slice : new ReadOnlyMemory<T>(packed, 0, present);
            await group.WriteAllPartsAsync(field, written, new ReadOnlyMemory<int>(levels, 0, count), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
            if (packed is not null)
            {
                ArrayPool<T>.Shared.Return(packed);
            }
        }
    }

    private static async Task WriteTimestampsAsync(ParquetRowGroupWriter group, DataField field, TimestampColumn column, int start, int count, CancellationToken cancellationToken)
    {
        var instants = ArrayPool<DateTime>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                instants[i] = column.Values[start + i].UtcDateTime;
            }

            var validity = column.Validity is null ? null : column.Validity.AsSpan(start, count).ToArray();
            await WriteAsync(group, field, instants, validity, 0, count, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<DateTime>.Shared.Return(instants);
        }
    }

    private static async Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, string?[] values, int start, int count, CancellationToken cancellationToken)
    {
        var chars = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
        var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(count) : null;
        try
        {
            var present = 0;
            for (var i = 0; i < count; i++)
            {
                var value = values[start + i];
                if (levels is not null)
                {
                    levels[i] = value is null ? 0 : 1;
                }

                if (value is not null)
                {
                    chars[present++] = value.AsMemory();
                }
            }

            var written = new ReadOnlyMemory<ReadOnlyMemory<char>>(chars, 0, present);
            ReadOnlyMemory<int>? definitions = levels is null ? default(ReadOnlyMemory<int>?) : new ReadOnlyMemory<int>(levels, 0, count);
            await group.WriteAllPartsAsync(field, written, definitions, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Cleared so the pool does not keep the batch's strings alive.
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(chars, clearArray: true);
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private static int AllPresent(int[] levels, int count)
    {
        levels.AsSpan(0, count).Fill(1);
        return count;
    }

    private static int Pack<T>(T[] values, bool[] validity, int start, int count, T[] packed, int[] levels)
    {
        var present = 0;
        for (var i = 0; i < count; i++)
        {
            var valid = validity[start + i];
            levels[i] = valid ? 1 : 0;
            if (valid)
            {
                packed[present++] = values[start + i];
            }
        }

        return present;
    }
}
