namespace StockLakehouse.Core.Tables;

/// <summary>
/// One named column of a <see cref="RecordBatch"/>: a plain array plus an optional validity mask,
/// so partition functions exchange data with engines without either side knowing the other.
/// </summary>
public abstract class Column
{
    protected Column(string name, ColumnType type, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Type = type;
        Length = length;
    }

    public string Name { get; }

    public ColumnType Type { get; }

    public int Length { get; }

    public abstract bool IsNull(int row);

    /// <summary>The first NULL row, or −1 when the column has none.</summary>
    public virtual int FirstNull()
    {
        for (var row = 0; row < Length; row++)
        {
            if (IsNull(row))
            {
                return row;
            }
        }

        return -1;
    }

    /// <summary>The value at <paramref name="row"/> boxed, or null; for tests and diagnostics, not hot paths.</summary>
    public abstract object? GetValue(int row);
}
