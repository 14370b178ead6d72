using System.Text;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// VARCHAR into <see cref="StringColumn"/>. Each row is a 16-byte <c>duckdb_string_t</c>: a uint32 length, then
/// either the bytes inline (length ≤ 12) or a 4-byte prefix and a pointer to the bytes. Short strings repeat a lot
/// in market data (symbols, exchanges, currencies), so inlined values are decoded once and reused through a small
/// cache keyed by all 16 bytes, which saves both the UTF-8 decoding and one allocation per row.
/// </summary>
internal sealed unsafe class StringColumnBuilder : ColumnBuilder
{
    private const int InlineLength = 12;

    private const int StringTSize = 16;

    // Direct-mapped: a power of two so the slot is the top bits of a multiplicative hash.
    private const int CacheBits = 10;

    // Below this many rows (scalars, tiny lookups) the cache would cost more to allocate than it saves.
    private const int CacheFromRow = 256;

    private ulong[]? _cacheKeys;

    private string?[]? _cacheValues;

    private string?[] _values = [];

    private int _count;

    public StringColumnBuilder(string name)
        : base(name, DuckDbType.Varchar)
    {
    }

    public override void Start(int capacity)
    {
        _values = capacity == 0 ? [] : new string?[capacity];
        _count = 0;
    }

    public override void Append(IntPtr vector, int offset, int count)
    {
        if (_count + count > _values.Length)
        {
            Array.Resize(ref _values, GrowCapacity(_values.Length, _count + count));
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
            _values[_count + i] = length switch
            {
                0 => string.Empty,
                <= InlineLength => Inlined(entry, (int)length),
                _ => Encoding.UTF8.GetString(*(byte**)(entry + 8), checked((int)length)),
            };
        }

        _count += count;
    }

    public override Column Build()
    {
        var values = _values.Length == _count ? _values : _values.AsSpan(0, _count).ToArray();
        _values = [];
        _count = 0;
        return new StringColumn(Name, values);
    }

    private string Inlined(byte* entry, int length)
    {
        // The key is the whole duckdb_string_t (length + 12 inline bytes), so a hit means identical content. DuckDB
        // zero-pads inline bytes, but even if padding differed the worst case would be a miss, never a wrong string.
        if (_cacheValues is null || _cacheKeys is null)
        {
            if (_count < CacheFromRow)
            {
                return Encoding.UTF8.GetString(entry + sizeof(uint), length);
            }

            _cacheKeys = new ulong[2 << CacheBits];
            _cacheValues = new string?[1 << CacheBits];
        }

        var low = *(ulong*)entry;
        var high = *(ulong*)(entry + 8);
        var slot = (int)((((low * 0x9E3779B97F4A7C15UL) ^ high) * 0x9E3779B97F4A7C15UL) >> (64 - CacheBits));
        var cached = _cacheValues[slot];
        if (cached is not null && _cacheKeys[2 * slot] == low && _cacheKeys[(2 * slot) + 1] == high)
        {
            return cached;
        }

        var value = Encoding.UTF8.GetString(entry + sizeof(uint), length);
        _cacheKeys[2 * slot] = low;
        _cacheKeys[(2 * slot) + 1] = high;
        _cacheValues[slot] = value;
        return value;
    }
}
