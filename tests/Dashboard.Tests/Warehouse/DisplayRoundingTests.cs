using StockLakehouse.Dashboard.Warehouse;

namespace StockLakehouse.Dashboard.Tests.Warehouse;

public sealed class DisplayRoundingTests
{
    [Theory]
    [InlineData(123.456789, 5, 123.46)]
    [InlineData(0.0123456, 3, 0.0123)]
    [InlineData(-98.7654, 3, -98.8)]
    [InlineData(123456789.0, 3, 123000000.0)]
    [InlineData(99999.5, 5, 100000.0)]
    [InlineData(0.0, 5, 0.0)]
    public void Significant_keeps_the_given_significant_digits(double value, int digits, double expected) =>
        Assert.Equal(expected, DisplayRounding.Significant(value, digits));

    [Fact]
    public void Significant_writes_as_short_a_number_as_it_keeps_digits() =>
        Assert.Equal("187.23", DisplayRounding.Significant(187.23456789, 5).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Non_finite_values_pass_through_unchanged()
    {
        Assert.True(double.IsNaN(DisplayRounding.Significant(double.NaN, 4)));
        Assert.Equal(double.PositiveInfinity, DisplayRounding.Fixed(double.PositiveInfinity, 2));
    }

    [Fact]
    public void Fixed_rounds_to_the_given_decimals_half_away_from_zero()
    {
        Assert.Equal(0.0123, DisplayRounding.Fixed(0.0123456, 4));
        Assert.Equal(3.0, DisplayRounding.Fixed(2.5, 0));
        Assert.Equal(-3.0, DisplayRounding.Fixed(-2.5, 0));
    }

    [Fact]
    public void Digits_out_of_range_are_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplayRounding.Significant(1.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplayRounding.Fixed(1.5, 16));
    }
}
