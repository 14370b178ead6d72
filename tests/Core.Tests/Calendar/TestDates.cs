using System.Globalization;

namespace StockLakehouse.Core.Tests.Calendar;

/// <summary>What the calendar tests share: the calendar under test, and the ISO dates that [InlineData] has to carry as strings.</summary>
internal static class TestDates
{
    public static NyseCalendar Nyse => NyseCalendar.Instance;

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
