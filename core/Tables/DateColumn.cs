namespace StockLakehouse.Core.Tables;

public sealed class DateColumn : PrimitiveColumn<DateOnly>
{
    public DateColumn(string name, DateOnly[] values, bool[]? validity = null)
        : base(name, ColumnType.Date, values, validity)
    {
    }
}
