using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StockLakehouse.Core.Payloads;

/// <summary>
/// Reads a JSON number as a double, with a short exact path for the shapes market data comes in (a sign, at most
/// 19 digits with an optional decimal point, no exponent) and <see cref="Utf8JsonReader.GetDouble"/> for every other.
/// </summary>
/// <remarks>
/// The short path is Clinger's: when the digits form an integer w ≤ 2^53 and there are f ≤ 22 digits after the
/// point, both w and 10^f are exact doubles, so the one IEEE division w / 10^f is the correctly rounded value of the
/// decimal — the same double the general parser returns, bit for bit. Zero goes to the general parser so that its
/// sign comes out as that parser gives it.
/// </remarks>
public static class JsonDecimal
{
    private const ulong MaxExactInteger = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The number the reader stands on, as <see cref="Utf8JsonReader.GetDouble"/> reads it.</summary>
    public static double Read(ref Utf8JsonReader reader) =>
        !reader.HasValueSequence && TryReadShort(reader.ValueSpan, out var value) ? value : reader.GetDouble();

    /// <summary>
    /// The value of <paramref name="number"/> (a JSON number token) when it has the short shape and a nonzero
    /// significand of at most 2^53; false otherwise, for the general parser to read.
    /// </summary>
    // Called once per number of every chart: compiled optimized at once rather than run at tier 0 while the rest of the run is compiled.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadShort(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var i = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        ulong significand = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            var digit = (uint)(c - (byte)'0');
            if (digit > 9 || ++digits > 19)
            {
                return false;
            }

            significand = (significand * 10) + digit;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (digits == 0 || significand == 0 || significand > MaxExactInteger || fraction > 22 || fraction == 0)
        {
            return false;
        }

        var magnitude = fraction > 0 ? significand / PowersOfTen[fraction] : significand;
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
