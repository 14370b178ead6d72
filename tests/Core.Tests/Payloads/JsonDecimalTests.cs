using System.Globalization;
using System.Text;
using System.Text.Json;
using StockLakehouse.Core.Payloads;

namespace StockLakehouse.Core.Tests.Payloads;

public sealed class JsonDecimalTests
{
    [Theory]
    [InlineData("31.82")]
    [InlineData("-13.57")]
    [InlineData("0.1")]
    [InlineData("0.000123")]
    [InlineData("40000000")]
    [InlineData("1.50")]
    [InlineData("9007199254740992")]
    [InlineData("0.30000000000000004")]
    [InlineData("123456.7890123456")]
    public void Read_ShortDecimal_GivesTheGeneralParsersDoubleBitForBit(string number) =>
        Assert.Equal(BitsOfGeneral(number), BitConverter.DoubleToInt64Bits(ReadOne(number)));

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("1e3")]
    [InlineData("2.5E-7")]
    [InlineData("9007199254740993")]
    [InlineData("12345678901234567890123")]
    [InlineData("0.12345678901234567890123")]
    public void TryReadShort_ZeroExponentOrInexactSignificand_LeavesItToTheGeneralParser(string number)
    {
        Assert.False(JsonDecimal.TryReadShort(Encoding.UTF8.GetBytes(number), out _));
        Assert.Equal(BitsOfGeneral(number), BitConverter.DoubleToInt64Bits(ReadOne(number)));
    }

    [Fact]
    public void Read_RandomPricesInEveryFormat_GivesTheGeneralParsersDoubleBitForBit()
    {
        var random = new Random(20261206);
        for (var i = 0; i < 200_000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-6, 9));
            var value = random.NextDouble() * magnitude * (random.Next(2) == 0 ? 1 : -1);
            var format = (i % 4) switch
            {
                0 => "R",
                1 => "F2",
                2 => "F6",
                _ => "G15",
            };
            var number = value.ToString(format, CultureInfo.InvariantCulture);
            Assert.True(BitsOfGeneral(number) == BitConverter.DoubleToInt64Bits(ReadOne(number)), $"'{number}' reads differently.");
        }
    }

    private static long BitsOfGeneral(string number)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
        reader.Read();
        return BitConverter.DoubleToInt64Bits(reader.GetDouble());
    }

    private static double ReadOne(string number)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
        reader.Read();
        return JsonDecimal.Read(ref reader);
    }
}
