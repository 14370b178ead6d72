using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Copies a row range of a managed <see cref="Column"/> into a DuckDB vector of an appender's data chunk: fixed-width
/// values by span copy (or a per-row conversion for dates and timestamps), NULLs by clearing bits of the validity
/// mask, strings through <c>duckdb_vector_assign_string_element_len</c> from a reused UTF-8 buffer.
/// </summary>
internal static unsafe class DataChunkWriter
{
    /// <summary>Whether a <paramref name="column"/> of this type can be written into a table column of <paramref name="target"/>.</summary>
    public static bool CanWrite(ColumnType column, DuckDbType target) => column switch
    {
        ColumnType.Boolean => target == DuckDbType.Boolean,
        ColumnType.Int32 => target == DuckDbType.Integer,
        ColumnType.Int64 => target == DuckDbType.BigInt,
        ColumnType.Double => target == DuckDbType.Double,
        ColumnType.Date => target == DuckDbType.Date,

        // Both are int64 UTC microseconds; only how DuckDB renders them differs.
        ColumnType.Timestamp => target is DuckDbType.Timestamp or DuckDbType.TimestampTz,
        ColumnType.String => target == DuckDbType.Varchar,
        _ => false,
    };

    /// <summary>
    /// Writes rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of
    /// <paramref name="column"/> to rows [0, <paramref name="count"/>) of <paramref name="vector"/>.
    /// The chunk must have been reset since its last append, so its validity masks start all-valid.
    /// </summary>
    public static void Write(Column column, IntPtr vector, int start, int count, ref byte[] utf8Buffer)
    {
        var data = NativeMethods.duckdb_vector_get_data(vector);
        switch (column)
        {
            case BooleanColumn booleans:
                MemoryMarshal.AsBytes(booleans.Values.AsSpan(start, count)).CopyTo(new Span<byte>(data, count));
                WriteValidity(booleans.Validity, vector, start, count);
                break;
            case Int32Column ints:
                ints.Values.AsSpan(start, count).CopyTo(new Span<int>(data, count));
                WriteValidity(ints.Validity, vector, start, count);
                break;
            case Int64Column longs:
                longs.Values.AsSpan(start, count).CopyTo(new Span<long>(data, count));
                WriteValidity(longs.Validity, vector, start, count);
                break;
            case DoubleColumn doubles:
                doubles.Values.AsSpan(start, count).CopyTo(new Span<double>(data, count));
                WriteValidity(doubles.Validity, vector, start, count);
                break;
            case DateColumn dates:
                var days = new Span<int>(data, count);
                var dateValues = dates.Values.AsSpan(start, count);
                for (var i = 0; i < days.Length; i++)
                {
                    days[i] = DuckDbTime.ToDays(dateValues[i]);
                }

                WriteValidity(dates.Validity, vector, start, count);
                break;
            case TimestampColumn timestamps:
                var micros = new Span<long>(data, count);
                var timestampValues = timestamps.Values.AsSpan(start, count);
                for (var i = 0; i < micros.Length; i++)
                {
                    micros[i] = DuckDbTime.ToMicros(timestampValues[i]);
                }

                WriteValidity(timestamps.Validity, vector, start, count);
                break;
            case StringColumn strings:
                WriteStrings(strings.Values.AsSpan(start, count), vector, ref utf8Buffer);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}' is a {column.GetType().Name}, which the appender cannot write.");
        }
    }

    private static void WriteValidity(bool[]? validity, IntPtr vector, int start, int count)
    {
        if (validity is null)
        {
            return;
        }

        var rows = validity.AsSpan(start, count);
        var firstNull = rows.IndexOf(false);
        if (firstNull < 0)
        {
            return;
        }

        var mask = WritableMask(vector);
        for (var i = firstNull; i < rows.Length; i++)
        {
            if (!rows[i])
            {
                SetNull(mask, i);
            }
        }
    }

    private static void WriteStrings(ReadOnlySpan<string?> values, IntPtr vector, ref byte[] utf8Buffer)
    {
        ulong* mask = null;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                if (mask is null)
                {
                    mask = WritableMask(vector);
                }

                SetNull(mask, i);
                continue;
            }

            var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (maxBytes > utf8Buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(maxBytes);
                ArrayPool<byte>.Shared.Return(utf8Buffer);
                utf8Buffer = larger;
            }

            var length = Encoding.UTF8.GetBytes(value, utf8Buffer);
            fixed (byte* bytes = utf8Buffer)
            {
                // DuckDB copies the bytes (inline or into the vector's string heap), so the buffer is free again at once.
                NativeMethods.duckdb_vector_assign_string_element_len(vector, (ulong)i, bytes, (ulong)length);
            }
        }
    }

    private static ulong* WritableMask(IntPtr vector)
    {
        NativeMethods.duckdb_vector_ensure_validity_writable(vector);
        return NativeMethods.duckdb_vector_get_validity(vector);
    }

    // Same bit layout duckdb_validity_set_row_invalid uses (documented in duckdb.h), minus a native call per row.
    private static void SetNull(ulong* mask, int row) => mask[row >> 6] &= ~(1UL << (row & 63));
}
