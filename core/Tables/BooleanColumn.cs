namespace StockLakehouse.Core.Tables;

public sealed class BooleanColumn : PrimitiveColumn<bool>
{
    public BooleanColumn(string name, bool[] values, bool[]? validity = null)
        : base(name, ColumnType.Boolean, values, validity)
    {
    }
}
