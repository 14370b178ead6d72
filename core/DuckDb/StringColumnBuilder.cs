using System.Text;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// VARCHAR into <see cref="StringColumn"/>. Each row is a 16-byte <c>duckdb_string_t</c>: a uint32 length, then
/// either the bytes inline (length ≤ 12) or a 4-byte prefix and a pointer to the bytes.
/// </summary>
internal sealed unsafe class StringColumnBuilder : ColumnBuilder
{
    private const int InlineLength = 12;

    private const int StringTSize = 16;

    private string?[] _values = [];

    private int _count;

    public StringColumnBuilder(string name, int capacityHint)
        : base(name, DuckDbType.Varchar, capacityHint)
    {
    }

    public override int Count => _count;

    public override void Append(IntPtr vector, int offset, int count)
    {
        var required = _count + count;
        if (required > _values.Length)
        {
            Array.Resize(ref _values, GrowCapacity(_values.Length, required));
        }

        var data = (byte*)NativeMethods.duckdb_vector_get_data(vector);
        var validity = NativeMethods.duckdb_vector_get_validity(vector);
        for (var i = 0; i < count; i++)
        {
            var row = offset + i;
            if (!IsValid(validity, row))
            {
                _values[_count + i] = null;
                continue;
            }

            var entry = data + ((long)row * StringTSize);
            var length = *(uint*)entry;
            var bytes = length <= InlineLength ? entry + sizeof(uint) : *(byte**)(entry + 8);
            _values[_count + i] = length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes, checked((int)length));
        }

        _count = required;
    }

    public override Column Build()
    {
        var values = _values.Length == _count ? _values : _values.AsSpan(0, _count).ToArray();
        _values = [];
        _count = 0;
        return new StringColumn(Name, values);
    }
}
