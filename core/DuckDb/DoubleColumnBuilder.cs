using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>DOUBLE, FLOAT (exact widening) and DECIMAL (unscaled integer / 10^scale) into <see cref="DoubleColumn"/>.</summary>
internal sealed unsafe class DoubleColumnBuilder : PrimitiveColumnBuilder<double>
{
    private readonly DuckDbType _storageType;

    private readonly double _divisor;

    /// <param name="storageType">The physical type: the column type itself, or a DECIMAL's internal integer type.</param>
    /// <param name="scale">Digits after the decimal point for DECIMAL; 0 otherwise.</param>
    public DoubleColumnBuilder(string name, DuckDbType sourceType, DuckDbType storageType, int scale)
        : base(name, sourceType)
    {
        _storageType = storageType;

        // Powers of ten up to 1e22 are exact doubles, so one correctly rounded division gives the nearest double.
        _divisor = Math.Pow(10, scale);
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<double> target)
    {
        switch (_storageType)
        {
            case DuckDbType.Double:
                new ReadOnlySpan<double>((double*)data + offset, target.Length).CopyTo(target);
                break;
            case DuckDbType.Float:
                var floats = new ReadOnlySpan<float>((float*)data + offset, target.Length);
                for (var i = 0; i < floats.Length; i++)
                {
                    target[i] = floats[i];
                }

                break;
            case DuckDbType.SmallInt:
                Scale(new ReadOnlySpan<short>((short*)data + offset, target.Length), target);
                break;
            case DuckDbType.Integer:
                Scale(new ReadOnlySpan<int>((int*)data + offset, target.Length), target);
                break;
            case DuckDbType.BigInt:
                Scale(new ReadOnlySpan<long>((long*)data + offset, target.Length), target);
                break;
            case DuckDbType.HugeInt:
                var words = (ulong*)data;
                for (var i = 0; i < target.Length; i++)
                {
                    var row = offset + i;
                    target[i] = (double)new Int128(words[(2 * row) + 1], words[2 * row]) / _divisor;
                }

                break;
            default:
                throw new InvalidOperationException(
                    $"Column '{Name}': no Double conversion from {DuckDbTypeNames.ToSql(SourceType)} stored as {DuckDbTypeNames.ToSql(_storageType)}.");
        }
    }

    protected override Column CreateColumn(string name, double[] values, bool[]? validity) =>
        new DoubleColumn(name, values, validity);

    private void Scale<TSource>(ReadOnlySpan<TSource> source, Span<double> target)
        where TSource : unmanaged, System.Numerics.IBinaryInteger<TSource>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateTruncating(source[i]) / _divisor;
        }
    }
}
