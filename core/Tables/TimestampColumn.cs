namespace StockLakehouse.Core.Tables;

/// <summary>UTC instants; values are <see cref="DateTimeOffset"/> and are stored with microsecond precision.</summary>
public sealed class TimestampColumn : PrimitiveColumn<DateTimeOffset>
{
    public TimestampColumn(string name, DateTimeOffset[] values, bool[]? validity = null)
        : base(name, ColumnType.Timestamp, values, validity)
    {
    }
}
