using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>DATE (int32 days since 1970-01-01) into <see cref="DateColumn"/>.</summary>
internal sealed unsafe class DateColumnBuilder : PrimitiveColumnBuilder<DateOnly>
{
    public DateColumnBuilder(string name)
        : base(name, DuckDbType.Date)
    {
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<DateOnly> target)
    {
        var days = (int*)data;
        for (var i = 0; i < target.Length; i++)
        {
            var row = offset + i;
            var value = days[row];
            if (value >= DuckDbTime.MinDays && value <= DuckDbTime.MaxDays)
            {
                target[i] = DuckDbTime.FromDays(value);
            }
            else if (!IsValid(validity, row))
            {
                target[i] = default;
            }
            else
            {
                throw new OverflowException(
                    $"Column '{Name}' holds a DATE {value} days from 1970-01-01 (or ±infinity), outside .NET's DateOnly range.");
            }
        }
    }

    protected override Column CreateColumn(string name, DateOnly[] values, bool[]? validity) =>
        new DateColumn(name, values, validity);
}
