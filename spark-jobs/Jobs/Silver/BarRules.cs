using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// The rules every daily bar passes before silver, whichever payload it came from: no null price or volume, inside
/// the requested range, on an NYSE session, positive prices in OHLC order, non-negative volume. Prices are rounded to
/// 4 decimals to remove Yahoo's float32 noise.
/// </summary>
internal sealed class BarRules
{
    private const int PriceDecimals = 4;

    private readonly NyseCalendar _calendar;

    public BarRules(NyseCalendar calendar)
    {
        _calendar = calendar;
    }

    /// <summary>
    /// Checks one bar's values (nulls, range, trading day, positivity, OHLC order, volume) and returns them as
    /// traded: prices multiplied by <paramref name="factor"/> and rounded. With <paramref name="exactRange"/>
    /// false, bars before the requested start are kept (the source takes no start date).
    /// </summary>
    public bool Validate(BarPrices raw, DateOnly date, RawObjectMetadata metadata, double factor, bool exactRange, Action<string, string> reject, out BarPrices valid)
    {
        valid = default;
        var (open, high, low, close, volume) = raw;
        var nulls = new List<string>(4);
        if (double.IsNaN(open))
        {
            nulls.Add("open");
        }

        if (double.IsNaN(high))
        {
            nulls.Add("high");
        }

        if (double.IsNaN(low))
        {
            nulls.Add("low");
        }

        if (double.IsNaN(close))
        {
            nulls.Add("close");
        }

        if (nulls.Count > 0)
        {
            reject(RejectReason.NullPrice, $"{string.Join(", ", nulls)} is null.");
            return false;
        }

        if (double.IsNaN(volume))
        {
            reject(RejectReason.NullVolume, "volume is null.");
            return false;
        }

        if (date > metadata.RequestedTo)
        {
            reject(RejectReason.AfterRequestedEnd, $"The bar is after the requested end {metadata.RequestedTo:yyyy-MM-dd}.");
            return false;
        }

        if (exactRange && date < metadata.RequestedFrom)
        {
            reject(RejectReason.BeforeRequestedStart, $"The bar is before the requested start {metadata.RequestedFrom:yyyy-MM-dd}.");
            return false;
        }

        if (!_calendar.IsTradingDay(date))
        {
            reject(RejectReason.NotTradingDay, $"NYSE held no session on {date:yyyy-MM-dd} ({date.DayOfWeek}).");
            return false;
        }

        open = Math.Round(open * factor, PriceDecimals);
        high = Math.Round(high * factor, PriceDecimals);
        low = Math.Round(low * factor, PriceDecimals);
        close = Math.Round(close * factor, PriceDecimals);
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0)
        {
            reject(RejectReason.NonPositivePrice, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: a price is not positive."));
            return false;
        }

        if (low > Math.Min(open, close) || high < Math.Max(open, close))
        {
            reject(RejectReason.OhlcInconsistent, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: low must be the lowest and high the highest."));
            return false;
        }

        if (volume < 0)
        {
            reject(RejectReason.NegativeVolume, string.Create(CultureInfo.InvariantCulture, $"volume {volume} is negative."));
            return false;
        }

        valid = new BarPrices(open, high, low, close, volume);
        return true;
    }
}
