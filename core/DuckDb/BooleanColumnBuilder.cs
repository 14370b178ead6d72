using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>BOOLEAN (one byte per row) into <see cref="BooleanColumn"/>.</summary>
internal sealed unsafe class BooleanColumnBuilder : PrimitiveColumnBuilder<bool>
{
    public BooleanColumnBuilder(string name)
        : base(name, DuckDbType.Boolean)
    {
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<bool> target)
    {
        // Compare instead of reinterpreting: bytes under NULL rows are undefined and need not be 0 or 1.
        var source = new ReadOnlySpan<byte>((byte*)data + offset, target.Length);
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] != 0;
        }
    }

    protected override Column CreateColumn(string name, bool[] values, bool[]? validity) =>
        new BooleanColumn(name, values, validity);
}
