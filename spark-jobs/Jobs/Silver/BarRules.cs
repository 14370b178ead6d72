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
    /// false, bars before the requested start are kept (the source takes no start date). Called once per bar, so a
    /// bar that passes allocates nothing; a refused one comes back as <paramref name="rejection"/>.
    /// </summary>
    public bool Validate(BarPrices raw, DateOnly date, RawObjectMetadata metadata, double factor, bool exactRange, out BarPrices valid, out BarRejection rejection)
    {
        valid = default;
        rejection = default;
        var (open, high, low, close, volume) = raw;
        if (double.IsNaN(open) || double.IsNaN(high) || double.IsNaN(low) || double.IsNaN(close))
        {
            string[] names = ["open", "high", "low", "close"];
            double[] values = [open, high, low, close];
            var nulls = names.Where((_, i) => double.IsNaN(values[i]));
            return Reject(RejectReason.NullPrice, $"{string.Join(", ", nulls)} is null.", out rejection);
        }

        if (double.IsNaN(volume))
        {
            return Reject(RejectReason.NullVolume, "volume is null.", out rejection);
        }

        if (date > metadata.RequestedTo)
        {
            return Reject(RejectReason.AfterRequestedEnd, $"The bar is after the requested end {metadata.RequestedTo:yyyy-MM-dd}.", out rejection);
        }

        if (exactRange && date < metadata.RequestedFrom)
        {
            return Reject(RejectReason.BeforeRequestedStart, $"The bar is before the requested start {metadata.RequestedFrom:yyyy-MM-dd}.", out rejection);
        }

        if (!_calendar.IsTradingDay(date))
        {
            return Reject(RejectReason.NotTradingDay, $"NYSE held no session on {date:yyyy-MM-dd} ({date.DayOfWeek}).", out rejection);
        }

        open = Math.Round(open * factor, PriceDecimals);
        high = Math.Round(high * factor, PriceDecimals);
        low = Math.Round(low * factor, PriceDecimals);
        close = Math.Round(close * factor, PriceDecimals);
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0)
        {
            return Reject(RejectReason.NonPositivePrice, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: a price is not positive."), out rejection);
        }

        if (low > Math.Min(open, close) || high < Math.Max(open, close))
        {
            return Reject(RejectReason.OhlcInconsistent, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: low must be the lowest and high the highest."), out rejection);
        }

        if (volume < 0)
        {
            return Reject(RejectReason.NegativeVolume, string.Create(CultureInfo.InvariantCulture, $"volume {volume} is negative."), out rejection);
        }

        valid = new BarPrices(open, high, low, close, volume);
        return true;
    }

    private static bool Reject(string reason, string detail, out BarRejection rejection)
    {
        rejection = new BarRejection(reason, detail);
        return false;
    }
}
