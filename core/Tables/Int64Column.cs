namespace StockLakehouse.Core.Tables;

public sealed class Int64Column : PrimitiveColumn<long>
{
    public Int64Column(string name, long[] values, bool[]? validity = null)
        : base(name, ColumnType.Int64, values, validity)
    {
    }
}
