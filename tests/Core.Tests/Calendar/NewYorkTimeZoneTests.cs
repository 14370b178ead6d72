namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NewYorkTimeZoneTests
{
    [Fact]
    public void CreateBuiltIn_EveryHourOfSupportedYears_MatchesSystemTzDatabase()
    {
        var system = TimeZoneInfo.FindSystemTimeZoneById(NewYorkTimeZone.IanaId);
        var builtIn = NewYorkTimeZone.CreateBuiltIn();

        var end = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var instant = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero); instant < end; instant = instant.AddHours(1))
        {
            var expected = system.GetUtcOffset(instant);
            var actual = builtIn.GetUtcOffset(instant);
            if (expected != actual)
            {
                Assert.Fail($"At {instant:O} the tz database says {expected} but the built-in zone says {actual}.");
            }
        }
    }

    [Fact]
    public void Resolve_OnThisMachine_IsAmericaNewYork()
    {
        var zone = NewYorkTimeZone.Resolve();

        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(TimeSpan.FromHours(-4), zone.GetUtcOffset(new DateTime(2024, 7, 15, 12, 0, 0, DateTimeKind.Unspecified)));
    }
}
