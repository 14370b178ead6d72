namespace StockLakehouse.Core.Tables;

public sealed class Int32Column : PrimitiveColumn<int>
{
    public Int32Column(string name, int[] values, bool[]? validity = null)
        : base(name, ColumnType.Int32, values, validity)
    {
    }
}
