using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Parquet;
using Parquet.Schema;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// Reads one column of a whole file into a <see cref="Column"/>: each row group's values land in their final place in
/// the column's array (NULLs are spread out in place from the packed values), with definition levels in a pooled buffer.
/// A chunk whose statistics say it holds one value throughout is filled with it without being decoded (<see cref="ConstantChunk"/>).
/// </summary>
internal static class ParquetColumnReader
{
    private static readonly DateOnly UnixEpoch = new(1970, 1, 1);

    public static async Task<Column> ReadAsync(ParquetReader reader, DataField field, FieldSchema declared, int rows, CancellationToken cancellationToken)
    {
        switch (declared.ColumnType)
        {
            case ColumnType.Boolean:
                var (booleans, booleanValidity) = await ReadAsync<bool>(reader, field, rows, null, cancellationToken).ConfigureAwait(false);
                return new BooleanColumn(declared.Name, booleans, booleanValidity);
            case ColumnType.Int32:
                var (ints, intValidity) = await ReadAsync(reader, field, rows, Int32Of, cancellationToken).ConfigureAwait(false);
                return new Int32Column(declared.Name, ints, intValidity);
            case ColumnType.Int64:
                var (longs, longValidity) = await ReadAsync(reader, field, rows, Int64Of, cancellationToken).ConfigureAwait(false);
                return new Int64Column(declared.Name, longs, longValidity);
            case ColumnType.Double:
                var (doubles, doubleValidity) = await ReadAsync<double>(reader, field, rows, null, cancellationToken).ConfigureAwait(false);
                return new DoubleColumn(declared.Name, doubles, doubleValidity);
            case ColumnType.Date:
                var (dates, dateValidity) = await ReadAsync(reader, field, rows, DateOf, cancellationToken).ConfigureAwait(false);
                return new DateColumn(declared.Name, dates, dateValidity);
            case ColumnType.Timestamp:
                var (instants, instantValidity) = await ReadAsync<DateTime>(reader, field, rows, null, cancellationToken).ConfigureAwait(false);
                return new TimestampColumn(declared.Name, Array.ConvertAll(instants, i => new DateTimeOffset(DateTime.SpecifyKind(i, DateTimeKind.Utc))), instantValidity);
            case ColumnType.String:
                return new StringColumn(declared.Name, await ReadStringsAsync(reader, field, rows, cancellationToken).ConfigureAwait(false));
            default:
                throw new NotSupportedException($"Column '{declared.Name}' has type {declared.ColumnType}, which has no Parquet reader.");
        }
    }

    /// <param name="constant">
    /// The value a chunk's PLAIN-encoded statistics name, for types whose statistics can prove a chunk constant
    /// (<see cref="ConstantChunk"/>); null for the others.
    /// </param>
    private static async Task<(T[] Values, bool[]? Validity)> ReadAsync<T>(
        ParquetReader reader,
        DataField field,
        int rows,
        Func<byte[], T?>? constant,
        CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[rows];
        bool[]? validity = null;
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            if (constant is not null && ConstantChunk.TryGet(group, field, out var plain) && constant(plain) is { } value)
            {
                values.AsSpan(offset, count).Fill(value);
            }
            else if (field.MaxDefinitionLevel == 0)
            {
                await group.ReadRawAsync(field, values.AsMemory(offset, count), null, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var levels = ArrayPool<int>.Shared.Rent(count);
                try
                {
                    await group.ReadRawAsync(field, values.AsMemory(offset, count), levels.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
                    Spread(values.AsSpan(offset, count), levels.AsSpan(0, count), field.MaxDefinitionLevel, ref validity, offset, rows);
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }

            offset += count;
        }

        return (values, validity);
    }

    private static int? Int32Of(byte[] plain) => plain.Length == sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(plain) : null;

    private static long? Int64Of(byte[] plain) => plain.Length == sizeof(long) ? BinaryPrimitives.ReadInt64LittleEndian(plain) : null;

    /// <summary>A DATE is the number of days since 1970-01-01.</summary>
    private static DateOnly? DateOf(byte[] plain) => Int32Of(plain) is { } days ? DateOnly.FromDayNumber(UnixEpoch.DayNumber + days) : null;

    /// <summary>Moves the packed non-NULL values at the start of <paramref name="values"/> to their rows, back to front, marking the NULL rows.</summary>
    private static void Spread<T>(Span<T> values, ReadOnlySpan<int> levels, int maxLevel, ref bool[]? validity, int offset, int rows)
        where T : struct
    {
        var packed = levels.Count(maxLevel) - 1;
        if (packed == values.Length - 1)
        {
            return;
        }

        if (validity is null)
        {
            validity = new bool[rows];
            Array.Fill(validity, true);
        }

        for (var row = values.Length - 1; row >= 0; row--)
        {
            if (levels[row] == maxLevel)
            {
                values[row] = values[packed--];
            }
            else
            {
                values[row] = default;
                validity[offset + row] = false;
            }
        }
    }

    private static async Task<string?[]> ReadStringsAsync(ParquetReader reader, DataField field, int rows, CancellationToken cancellationToken)
    {
        var strings = new string?[rows];
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            if (ConstantChunk.TryGet(group, field, out var plain))
            {
                strings.AsSpan(offset, count).Fill(Encoding.UTF8.GetString(plain));
                offset += count;
                continue;
            }

            var chars = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
            var levels = field.MaxDefinitionLevel == 0 ? null : ArrayPool<int>.Shared.Rent(count);
            try
            {
                Memory<int>? definitions = levels is null ? default(Memory<int>?) : levels.AsMemory(0, count);
                await group.ReadRawAsync(field, chars.AsMemory(0, count), definitions, null, cancellationToken).ConfigureAwait(false);
                var next = 0;
                string? previous = null;
                for (var row = 0; row < count; row++)
                {
                    if (levels is not null && levels[row] != field.MaxDefinitionLevel)
                    {
                        continue;
                    }

                    // Partitions repeat a value row after row (a symbol, a currency): one string serves the run.
                    var value = chars[next++].Span;
                    previous = previous is not null && value.SequenceEqual(previous) ? previous : new string(value);
                    strings[offset + row] = previous;
                }
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<char>>.Shared.Return(chars, clearArray: true);
                if (levels is not null)
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }

            offset += count;
        }

        return strings;
    }
}
