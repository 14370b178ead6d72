using System.Text.Json;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

public sealed class JsonNumberCacheTests
{
    [Fact]
    public void Format_FirstAndRepeatedValues_AreTheDigitsUtf8JsonWriterWrites()
    {
        var rng = new SplitMix64(11);
        var values = new List<double> { 0.0, -0.0, 1.0, 0.01, 187.14999389648438, 1e-7, 1.5e300, double.MaxValue, double.Epsilon, -double.MaxValue };
        for (var i = 0; i < 20_000; i++)
        {
            // Float32 prices of cents, as the simulated market writes them, and arbitrary doubles.
            values.Add((float)((long)(rng.NextDouble() * 500_000) / 100.0 / (1 + (i % 4))));
            values.Add(BitConverter.Int64BitsToDouble((long)(rng.NextUInt64() >> 2)));
        }

        Span<byte> digits = stackalloc byte[JsonNumberCache.MaximumLength];
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var value in values)
            {
                var length = JsonNumberCache.Format(value, digits);

                Assert.Equal(WrittenByWriter(value), System.Text.Encoding.UTF8.GetString(digits[..length]));
            }
        }
    }

    [Fact]
    public void Format_NaN_Throws()
    {
        var digits = new byte[JsonNumberCache.MaximumLength];

        Assert.Throws<ArgumentOutOfRangeException>(() => JsonNumberCache.Format(double.NaN, digits));
    }

    private static string WrittenByWriter(double value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteNumberValue(value);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
