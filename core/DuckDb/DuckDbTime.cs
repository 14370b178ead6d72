namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// DuckDB's temporal encodings: DATE is int32 days since 1970-01-01 and TIMESTAMP is int64 microseconds since the
/// Unix epoch (UTC). DuckDB's range (and its ±infinity sentinels) is wider than .NET's, so reads are range-checked.
/// </summary>
internal static class DuckDbTime
{
    internal static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    internal static readonly int MinDays = DateOnly.MinValue.DayNumber - UnixEpochDayNumber;

    internal static readonly int MaxDays = DateOnly.MaxValue.DayNumber - UnixEpochDayNumber;

    internal static readonly long MinMicros = (DateTimeOffset.MinValue.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    internal static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    internal static int ToDays(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    /// <summary>Microseconds since the epoch, rounding sub-microsecond ticks toward the past like DuckDB does.</summary>
    internal static long ToMicros(DateTimeOffset value) =>
        Math.DivRem(value.UtcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond) is var (quotient, remainder) && remainder < 0
            ? quotient - 1
            : quotient;

    /// <summary>Caller must have checked <paramref name="days"/> is within [<see cref="MinDays"/>, <see cref="MaxDays"/>].</summary>
    internal static DateOnly FromDays(int days) => DateOnly.FromDayNumber(days + UnixEpochDayNumber);

    /// <summary>Caller must have checked <paramref name="micros"/> is within [<see cref="MinMicros"/>, <see cref="MaxMicros"/>].</summary>
    internal static DateTimeOffset FromMicros(long micros) =>
        new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
