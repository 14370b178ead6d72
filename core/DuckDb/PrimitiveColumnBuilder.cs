using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Shared growth and NULL handling for fixed-width columns. Values under NULL rows are reset to default so results
/// are deterministic (DuckDB leaves whatever bytes were there), and the validity array is only allocated once the
/// first NULL shows up, matching <see cref="PrimitiveColumn{T}"/>'s "null mask = all valid" convention.
/// </summary>
internal abstract unsafe class PrimitiveColumnBuilder<T> : ColumnBuilder
    where T : unmanaged
{
    private T[] _values = [];

    private bool[]? _validity;

    private int _count;

    protected PrimitiveColumnBuilder(string name, DuckDbType sourceType)
        : base(name, sourceType)
    {
    }

    public sealed override void Start(int capacity)
    {
        _values = capacity == 0 ? [] : new T[capacity];
        _validity = null;
        _count = 0;
    }

    public sealed override void Append(IntPtr vector, int offset, int count)
    {
        EnsureCapacity(count);
        var data = NativeMethods.duckdb_vector_get_data(vector);
        var validity = NativeMethods.duckdb_vector_get_validity(vector);
        Convert(data, validity, offset, _values.AsSpan(_count, count));
        if (validity is not null)
        {
            ApplyValidity(validity, offset, count);
        }
        else
        {
            _validity?.AsSpan(_count, count).Fill(true);
        }

        _count += count;
    }

    public sealed override Column Build()
    {
        var values = _values.Length == _count ? _values : _values.AsSpan(0, _count).ToArray();
        var validity = _validity is null || _validity.Length == _count ? _validity : _validity.AsSpan(0, _count).ToArray();
        _values = [];
        _validity = null;
        _count = 0;
        return CreateColumn(Name, values, validity);
    }

    /// <summary>
    /// Converts rows starting at <paramref name="offset"/> of the vector's <paramref name="data"/> into
    /// <paramref name="target"/>. Conversions that can fail must skip rows that <paramref name="validity"/> marks NULL,
    /// since their bytes are undefined.
    /// </summary>
    protected abstract void Convert(void* data, ulong* validity, int offset, Span<T> target);

    protected abstract Column CreateColumn(string name, T[] values, bool[]? validity);

    private void EnsureCapacity(int count)
    {
        var required = _count + count;
        if (required <= _values.Length)
        {
            return;
        }

        var capacity = GrowCapacity(_values.Length, required);
        Array.Resize(ref _values, capacity);
        if (_validity is not null)
        {
            Array.Resize(ref _validity, capacity);
        }
    }

    private void ApplyValidity(ulong* validity, int offset, int count)
    {
        // Walk the bitmap a word at a time: runs of valid rows (the common case) cost one comparison per 64 rows.
        for (var i = 0; i < count;)
        {
            var row = offset + i;
            var bit = row & 63;
            var run = Math.Min(64 - bit, count - i);
            var runMask = run == 64 ? ulong.MaxValue : (1UL << run) - 1;
            var bits = (validity[row >> 6] >> bit) & runMask;
            if (bits == runMask)
            {
                _validity?.AsSpan(_count + i, run).Fill(true);
                i += run;
                continue;
            }

            for (var k = 0; k < run; k++)
            {
                var target = _count + i + k;
                if ((bits & (1UL << k)) != 0)
                {
                    if (_validity is not null)
                    {
                        _validity[target] = true;
                    }

                    continue;
                }

                if (_validity is null)
                {
                    _validity = new bool[_values.Length];
                    _validity.AsSpan(0, target).Fill(true);
                }

                _validity[target] = false;
                _values[target] = default;
            }

            i += run;
        }
    }
}
