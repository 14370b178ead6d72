using System.Runtime.CompilerServices;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit generator with a one-word state. Written here rather than
/// using <see cref="System.Random"/>, whose algorithm is not part of its contract, so a seed yields the same
/// numbers on every platform and .NET version. <see cref="Mix"/> doubles as a counter-based hash, which lets a
/// value be derived from (key, day) without replaying a stream — that is what keeps defects window-independent.
/// The stream's methods run for every session of a walk from Genesis (hundreds of millions of times in a daily extract of
/// thousands of symbols) from the first request on, so they are compiled optimized at once rather than run as the
/// tiered JIT's first, unoptimized code until a call count promotes them.
/// </summary>
internal struct SplitMix64
{
    internal const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    // 2^-53: turns the top 53 bits of a draw into a double in [0, 1) with every value exactly representable.
    internal const double UnitScale = 1.0 / (1UL << 53);

    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The finaliser applied to one step from <paramref name="value"/>: a stateless 64-bit mix.</summary>
    public static ulong Mix(ulong value) => Finalise(value + GoldenGamma);

    /// <summary>Maps a hash to [0, 1) the same way <see cref="NextDouble()"/> does.</summary>
    public static double ToUnit(ulong value) => (value >> 11) * UnitScale;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        return Finalise(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double NextDouble() => ToUnit(NextUInt64());

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>
    /// Standard normal by Marsaglia's polar method. It needs only log and sqrt (no sin/cos), and sqrt is
    /// correctly rounded by IEEE 754; the second variate is discarded to keep the state a single word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double NextNormal()
    {
        var (u, s) = NextPolarPoint();
        return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
    }

    /// <summary>
    /// Advances the state exactly as <see cref="NextNormal"/> does, without computing the variate: the same
    /// uniform pairs are drawn and rejected, so every later draw is unchanged. For a draw whose value is unused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SkipNormal() => NextPolarPoint();

    /// <summary>The polar method's accepted point: uniform pairs in the square until one falls inside the unit circle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double U, double S) NextPolarPoint()
    {
        while (true)
        {
            var u = (2.0 * NextDouble()) - 1.0;
            var v = (2.0 * NextDouble()) - 1.0;
            var s = (u * u) + (v * v);
            if (s > 0.0 && s < 1.0)
            {
                return (u, s);
            }
        }
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
