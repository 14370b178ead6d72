using System.Runtime.CompilerServices;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// Walks a symbol from Genesis to the end of the requested window, one session at a time, and keeps the part
/// inside the window. Starting at Genesis every time is what makes a date's prices independent of the window.
/// Each session: apply a split or dividend to the previous close, draw a log return (drift + beta × market
/// shock + idiosyncratic shock), open part of the way there, range around open and close, then round to cents.
/// Rounding to cents each day also absorbs last-ulp differences a platform's <see cref="Math.Exp"/> might have.
/// </summary>
internal static class PricePathGenerator
{
    /// <summary>
    /// Daily chance that a stock trading at $20+ splits forward (once in four years while it stays there).
    /// Splits cut the price, which must grow back, so the realised rate, with the rare forced reverse split,
    /// is about one split per symbol per 13 years (measured: 152 in 100 symbols × 20 years for seed 42).
    /// </summary>
    public const double SplitHazardPerSession = 1.0 / (4.0 * SymbolProfile.TradingDaysPerYear);

    /// <summary>Cheap stocks do not split forward: below $20 the hazard is ignored.</summary>
    internal const long ForwardSplitMinimumCents = 2_000;

    /// <summary>A 3:1 or 4:1 split never takes the price below $12; the ratio is lowered until it does not.</summary>
    internal const long PostSplitMinimumCents = 1_200;

    /// <summary>
    /// Below a dollar, cent rounding would dominate the returns and a real listing would be at risk, so the
    /// issuer reverse-splits 1:10 — the rare reverse split.
    /// </summary>
    internal const long ReverseSplitBelowCents = 100;

    internal const int PaymentsPerDividendReset = 4;
    internal const ulong DailyStreamSalt = 0xDA17_5EED_0000_0002UL;

    // Compiled optimized at once: its loop runs for every session since Genesis (SplitMix64).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SymbolPath Generate(SymbolProfile profile, SessionTable sessions, int from, int end)
    {
        var path = new SymbolPath(Math.Max(0, end - from));
        var rng = new SplitMix64(SplitMix64.Mix(profile.Key ^ DailyStreamSalt));
        var marketDailyVolatility = SymbolProfile.MarketDailyVolatility;
        var rangeScale = 0.35 * profile.DailyVolatility;

        long previousClose = 0;
        var shareMultiplier = 1.0;
        long dividendCents = 0;
        var paymentsAtAmount = 0;

        for (var i = 0; i < end; i++)
        {
            // The same draws in the same order every session, whatever branch is taken below. Before the window
            // only the close carries forward, so the shocks of the open, range and volume advance the stream
            // without being computed (most of a walk from Genesis lies before the window).
            var splitDraw = rng.NextDouble();
            var ratioDraw = rng.NextDouble();
            var idiosyncraticShock = rng.NextNormal();
            var inWindow = i >= from;
            double gapShock = 0, highShock = 0, lowShock = 0, volumeShock = 0;
            if (inWindow)
            {
                gapShock = rng.NextNormal();
                highShock = rng.NextNormal();
                lowShock = rng.NextNormal();
                volumeShock = rng.NextNormal();
            }
            else
            {
                rng.SkipNormal();
                rng.SkipNormal();
                rng.SkipNormal();
                rng.SkipNormal();
            }

            int numerator = 1, denominator = 1;
            long dividend = 0;
            double reference;
            if (i == 0)
            {
                reference = profile.InitialPriceCents;
            }
            else
            {
                (numerator, denominator) = ChooseSplit(previousClose, splitDraw, ratioDraw);
                var splitAdjustedPrevious = previousClose * (double)denominator / numerator;
                if (profile.PaysDividends
                    && i >= profile.DividendPhase
                    && (i - profile.DividendPhase) % SymbolProfile.DividendIntervalSessions == 0)
                {
                    // Sticky like real payouts: reset yearly, when a split changes the per-share basis, or when
                    // the price has moved so far that the yield is off by more than a factor of two.
                    var target = splitAdjustedPrevious * profile.DividendYieldPerPayment;
                    if (dividendCents == 0
                        || numerator != denominator
                        || paymentsAtAmount >= PaymentsPerDividendReset
                        || dividendCents > 2.0 * target
                        || dividendCents < 0.5 * target)
                    {
                        dividendCents = Math.Max(1, RoundCents(target));
                        paymentsAtAmount = 0;
                    }

                    dividend = dividendCents;
                    paymentsAtAmount++;
                }

                reference = Math.Max(1.0, splitAdjustedPrevious - dividend);
                shareMultiplier *= (double)numerator / denominator;
            }

            var marketReturn = profile.Beta * marketDailyVolatility * sessions.MarketShocks[i];
            var shock = marketReturn + (profile.DailyIdiosyncraticVolatility * idiosyncraticShock);
            var logReturn = profile.DailyLogDrift + shock;
            var close = Cents(reference * Math.Exp(logReturn));
            previousClose = close;
            if (!inWindow)
            {
                if (i == from - 1)
                {
                    path.PreviousCloseCents = close;
                }

                continue;
            }

            // News arrives overnight too: the open carries part of the day's move plus noise of its own.
            var gap = (0.3 * logReturn) + (0.1 * profile.DailyVolatility * gapShock);
            var open = Cents(reference * Math.Exp(gap));

            // Rounding is monotone, so rounding after widening keeps high ≥ max(open, close) and low ≤ min.
            var high = Cents(Math.Max(open, close) * Math.Exp(Math.Abs(highShock) * rangeScale));
            var low = Cents(Math.Min(open, close) * Math.Exp(-Math.Abs(lowShock) * rangeScale));

            // Log-normal around the symbol's level, busier on big moves; a split multiplies the share count.
            var surprise = Math.Abs(shock) / profile.DailyVolatility;
            var volume = Math.Max(
                1L,
                (long)Math.Round(
                    profile.BaseVolume * shareMultiplier * Math.Exp((0.35 * volumeShock) + (0.5 * (surprise - 0.8))),
                    MidpointRounding.AwayFromZero));

            var k = i - from;
            path.OpenCents[k] = open;
            path.HighCents[k] = high;
            path.LowCents[k] = low;
            path.CloseCents[k] = close;
            path.Volume[k] = volume;
            if (numerator != denominator)
            {
                path.Splits.Add(new PathSplit(k, numerator, denominator));
            }

            if (dividend > 0)
            {
                path.Dividends.Add(new PathDividend(k, dividend));
            }
        }

        return path;
    }

    private static (int Numerator, int Denominator) ChooseSplit(long previousCloseCents, double splitDraw, double ratioDraw)
    {
        if (previousCloseCents < ReverseSplitBelowCents)
        {
            return (1, 10);
        }

        if (previousCloseCents < ForwardSplitMinimumCents || splitDraw >= SplitHazardPerSession)
        {
            return (1, 1);
        }

        var ratio = ratioDraw switch
        {
            < 0.75 => 2,
            < 0.90 => 3,
            _ => 4,
        };
        while (ratio > 2 && previousCloseCents / ratio < PostSplitMinimumCents)
        {
            ratio--;
        }

        return (ratio, 1);
    }

    private static long Cents(double cents) => Math.Max(1L, RoundCents(cents));

    private static long RoundCents(double cents) => (long)Math.Round(cents, MidpointRounding.AwayFromZero);
}
