using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Accumulates one result column from DuckDB vectors into a managed <see cref="Column"/>. Each subclass owns one
/// target <see cref="ColumnType"/> and converts every DuckDB type that widens losslessly (or checked) into it.
/// </summary>
internal abstract unsafe class ColumnBuilder
{
    protected ColumnBuilder(string name, DuckDbType sourceType)
    {
        Name = name;
        SourceType = sourceType;
    }

    public string Name { get; }

    public DuckDbType SourceType { get; }

    /// <summary>
    /// Creates the builder for a result column, or throws <see cref="NotSupportedException"/> naming the column and
    /// its DuckDB type when there is no lossless mapping onto a <see cref="ColumnType"/>.
    /// </summary>
    public static ColumnBuilder Create(string name, IntPtr logicalType)
    {
        var type = NativeMethods.duckdb_get_type_id(logicalType);
        switch (type)
        {
            case DuckDbType.Boolean:
                return new BooleanColumnBuilder(name);
            case DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer
                or DuckDbType.UTinyInt or DuckDbType.USmallInt:
                return new Int32ColumnBuilder(name, type);
            case DuckDbType.BigInt or DuckDbType.UInteger or DuckDbType.UBigInt
                or DuckDbType.HugeInt or DuckDbType.UHugeInt:
                return new Int64ColumnBuilder(name, type);
            case DuckDbType.Float or DuckDbType.Double:
                return new DoubleColumnBuilder(name, type, type, scale: 0);
            case DuckDbType.Decimal:
                return new DoubleColumnBuilder(
                    name,
                    type,
                    NativeMethods.duckdb_decimal_internal_type(logicalType),
                    NativeMethods.duckdb_decimal_scale(logicalType));
            case DuckDbType.Date:
                return new DateColumnBuilder(name);
            case DuckDbType.Timestamp or DuckDbType.TimestampTz
                or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs:
                return new TimestampColumnBuilder(name, type);
            case DuckDbType.Varchar:
                return new StringColumnBuilder(name);
            default:
                throw new NotSupportedException(
                    $"Column '{name}' has DuckDB type {DuckDbTypeNames.ToSql(type)}, which has no StockLakehouse column type; "
                    + "cast it in SQL (for example to VARCHAR, BIGINT or DOUBLE).");
        }
    }

    /// <summary>
    /// Starts a new column with room for <paramref name="capacity"/> rows. Readers pass the exact row count when DuckDB
    /// knows it, so each column array is allocated once at its final size (no doubling, no trimming copy, less
    /// large-object-heap churn); appends beyond the capacity still work, by doubling.
    /// </summary>
    public abstract void Start(int capacity);

    /// <summary>Appends rows [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>) of a flat vector.</summary>
    public abstract void Append(IntPtr vector, int offset, int count);

    /// <summary>Returns the rows appended since <see cref="Start"/> as a column and starts over empty.</summary>
    public abstract Column Build();

    /// <summary>Reads a DuckDB validity bitmap: bit set = valid; a null bitmap means every row is valid.</summary>
    protected static bool IsValid(ulong* validity, int row) =>
        validity is null || (validity[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>Capacity for at least <paramref name="required"/> rows, doubling so appends stay amortized O(1).</summary>
    protected static int GrowCapacity(int current, int required) =>
        (int)Math.Min(Array.MaxLength, Math.Max(Math.Max((long)current * 2, 1024), required));
}
