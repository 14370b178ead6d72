using StockLakehouse.Core.Calendar;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Tests.Classification;

public sealed class TradeDateMemoTests
{
    [Fact]
    public void Of_TimestampsAroundMidnightAndDaylightSavingAndSharingASlot_IsTheCalendarsDate()
    {
        var calendar = NyseCalendar.Instance;
        var instants = new List<long>();
        for (var day = new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero); day.Year < 2021; day = day.AddHours(7))
        {
            // Each instant and one 8,192 s later land in the same slot of the table, so they evict each other.
            instants.Add(day.ToUnixTimeSeconds());
            instants.Add(day.ToUnixTimeSeconds() + 8_192);
        }

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var instant in instants)
            {
                Assert.Equal(calendar.TradeDateOf(DateTimeOffset.FromUnixTimeSeconds(instant)), TradeDateMemo.Of(instant));
            }
        }
    }
}
