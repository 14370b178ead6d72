using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// BIGINT and UINTEGER into <see cref="Int64Column"/>; UBIGINT, HUGEINT and UHUGEINT too when each value fits,
/// otherwise an <see cref="OverflowException"/> naming the column rather than a silently wrapped number.
/// </summary>
internal sealed unsafe class Int64ColumnBuilder : PrimitiveColumnBuilder<long>
{
    public Int64ColumnBuilder(string name, DuckDbType sourceType)
        : base(name, sourceType)
    {
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<long> target)
    {
        switch (SourceType)
        {
            case DuckDbType.BigInt:
                new ReadOnlySpan<long>((long*)data + offset, target.Length).CopyTo(target);
                break;
            case DuckDbType.UInteger:
                var unsigned32 = new ReadOnlySpan<uint>((uint*)data + offset, target.Length);
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = unsigned32[i];
                }

                break;
            case DuckDbType.UBigInt:
                var unsigned64 = (ulong*)data;
                for (var i = 0; i < target.Length; i++)
                {
                    var row = offset + i;
                    var value = unsigned64[row];
                    target[i] = !IsValid(validity, row) ? 0
                        : value <= long.MaxValue ? (long)value
                        : throw Overflow(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case DuckDbType.HugeInt or DuckDbType.UHugeInt:
                // duckdb_hugeint is { uint64 lower; int64 upper }; the value fits in int64 when upper is lower's sign
                // extension (signed) or zero with lower's top bit clear (unsigned).
                var words = (ulong*)data;
                var signed = SourceType == DuckDbType.HugeInt;
                for (var i = 0; i < target.Length; i++)
                {
                    var row = offset + i;
                    if (!IsValid(validity, row))
                    {
                        target[i] = 0;
                        continue;
                    }

                    var lower = words[2 * row];
                    var upper = words[(2 * row) + 1];
                    var fits = signed ? (long)upper == ((long)lower >> 63) : upper == 0 && lower <= long.MaxValue;
                    target[i] = fits ? (long)lower : throw Overflow(signed
                        ? new Int128(upper, lower).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : new UInt128(upper, lower).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            default:
                throw new InvalidOperationException($"Column '{Name}': no Int64 conversion from {DuckDbTypeNames.ToSql(SourceType)}.");
        }
    }

    protected override Column CreateColumn(string name, long[] values, bool[]? validity) =>
        new Int64Column(name, values, validity);

    private OverflowException Overflow(string value) =>
        new($"Column '{Name}' ({DuckDbTypeNames.ToSql(SourceType)}) holds {value}, which does not fit in a 64-bit integer.");
}
