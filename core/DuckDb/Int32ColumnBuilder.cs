using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>INTEGER, and the narrower TINYINT/SMALLINT/UTINYINT/USMALLINT (which always fit), into <see cref="Int32Column"/>.</summary>
internal sealed unsafe class Int32ColumnBuilder : PrimitiveColumnBuilder<int>
{
    public Int32ColumnBuilder(string name, DuckDbType sourceType)
        : base(name, sourceType)
    {
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<int> target)
    {
        switch (SourceType)
        {
            case DuckDbType.Integer:
                new ReadOnlySpan<int>((int*)data + offset, target.Length).CopyTo(target);
                break;
            case DuckDbType.TinyInt:
                Widen(new ReadOnlySpan<sbyte>((sbyte*)data + offset, target.Length), target);
                break;
            case DuckDbType.SmallInt:
                Widen(new ReadOnlySpan<short>((short*)data + offset, target.Length), target);
                break;
            case DuckDbType.UTinyInt:
                Widen(new ReadOnlySpan<byte>((byte*)data + offset, target.Length), target);
                break;
            case DuckDbType.USmallInt:
                Widen(new ReadOnlySpan<ushort>((ushort*)data + offset, target.Length), target);
                break;
            default:
                throw new InvalidOperationException($"Column '{Name}': no Int32 conversion from {DuckDbTypeNames.ToSql(SourceType)}.");
        }
    }

    protected override Column CreateColumn(string name, int[] values, bool[]? validity) =>
        new Int32Column(name, values, validity);

    private static void Widen<TSource>(ReadOnlySpan<TSource> source, Span<int> target)
        where TSource : unmanaged, System.Numerics.IBinaryInteger<TSource>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = int.CreateTruncating(source[i]);
        }
    }
}
