namespace StockLakehouse.Core.Tables;

public sealed class DoubleColumn : PrimitiveColumn<double>
{
    public DoubleColumn(string name, double[] values, bool[]? validity = null)
        : base(name, ColumnType.Double, values, validity)
    {
    }
}
