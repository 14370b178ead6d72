using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// TIMESTAMP / TIMESTAMP WITH TIME ZONE (both int64 UTC microseconds) and the _S/_MS/_NS variants into
/// <see cref="TimestampColumn"/>. Nanoseconds are floored to microseconds, the column's documented precision.
/// </summary>
internal sealed unsafe class TimestampColumnBuilder : PrimitiveColumnBuilder<DateTimeOffset>
{
    public TimestampColumnBuilder(string name, DuckDbType sourceType)
        : base(name, sourceType)
    {
    }

    protected override void Convert(void* data, ulong* validity, int offset, Span<DateTimeOffset> target)
    {
        var raw = (long*)data;
        for (var i = 0; i < target.Length; i++)
        {
            var row = offset + i;
            var value = raw[row];
            if (TryToMicros(value, out var micros))
            {
                target[i] = DuckDbTime.FromMicros(micros);
            }
            else if (!IsValid(validity, row))
            {
                target[i] = default;
            }
            else
            {
                throw new OverflowException(
                    $"Column '{Name}' holds a {DuckDbTypeNames.ToSql(SourceType)} of {value} (or ±infinity), outside .NET's DateTimeOffset range.");
            }
        }
    }

    protected override Column CreateColumn(string name, DateTimeOffset[] values, bool[]? validity) =>
        new TimestampColumn(name, values, validity);

    private bool TryToMicros(long value, out long micros)
    {
        switch (SourceType)
        {
            case DuckDbType.TimestampS:
                micros = value * 1_000_000;
                return value >= DuckDbTime.MinMicros / 1_000_000 && value <= DuckDbTime.MaxMicros / 1_000_000;
            case DuckDbType.TimestampMs:
                micros = value * 1_000;
                return value >= DuckDbTime.MinMicros / 1_000 && value <= DuckDbTime.MaxMicros / 1_000;
            case DuckDbType.TimestampNs:
                // Floor, not truncate, so instants before 1970 keep their order; every int64 of ns is within range.
                micros = long.DivRem(value, 1_000) is var (quotient, remainder) && remainder < 0 ? quotient - 1 : quotient;
                return true;
            default:
                micros = value;
                return value >= DuckDbTime.MinMicros && value <= DuckDbTime.MaxMicros;
        }
    }
}
