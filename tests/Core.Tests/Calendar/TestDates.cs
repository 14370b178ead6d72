using System.Globalization;

namespace StockLakehouse.Core.Tests.Calendar;

/// <summary>Parses the ISO dates that [InlineData] has to carry as strings.</summary>
internal static class TestDates
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
