using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// A symbol's fixed character, drawn once from (seed, symbol): where its price starts, how it drifts and
/// swings, how much of the swing is the shared market factor, how much it trades and whether it pays
/// dividends. Drawn from a stream of its own so the daily stream never shifts when a parameter is added.
/// </summary>
internal sealed record SymbolProfile(
    ulong Key,
    long InitialPriceCents,
    double DailyLogDrift,
    double DailyVolatility,
    double Beta,
    double DailyIdiosyncraticVolatility,
    double BaseVolume,
    bool PaysDividends,
    double DividendYieldPerPayment,
    int DividendPhase)
{
    public const int TradingDaysPerYear = 252;

    /// <summary>Annual volatility of the market factor, about the S&amp;P 500's long-run figure.</summary>
    public const double MarketAnnualVolatility = 0.16;

    /// <summary>Sessions between quarterly ex-dates (252 / 4).</summary>
    public const int DividendIntervalSessions = 63;

    internal const ulong ProfileStreamSalt = 0x5EED_9F11_0000_0001UL;

    public static double MarketDailyVolatility => MarketAnnualVolatility / Math.Sqrt(TradingDaysPerYear);

    public static SymbolProfile Create(ulong seed, Symbol symbol)
    {
        if (symbol.Value is null)
        {
            throw new ArgumentException("The instrument has no symbol (default Symbol).", nameof(symbol));
        }

        var key = SplitMix64.Mix(SplitMix64.Mix(seed) ^ Fnv1a64.Hash(symbol.Value));
        var rng = new SplitMix64(key ^ ProfileStreamSalt);

        // Log-uniform so cheap and expensive stocks are both common, as on a real exchange.
        var initialPrice = Math.Exp(rng.NextDouble(Math.Log(10.0), Math.Log(200.0)));

        // 15–60 %, skewed towards the low end (median ≈ 26 %) as for listed equities: the volatile tail is
        // what drifts to pennies, and reverse splits should stay rare.
        var volatilityDraw = rng.NextDouble();
        var annualVolatility = 0.15 + (0.45 * volatilityDraw * volatilityDraw);

        // The drift of the log price: 0 % to +14 % a year, so the median path neither explodes nor vanishes
        // over decades whatever the volatility (the expected simple return is this plus σ²/2).
        var annualLogDrift = rng.NextDouble(0.00, 0.14);

        // Cap beta so the market share of variance never exceeds 81 % of the total: the total volatility
        // stays what was drawn and some idiosyncratic noise always remains.
        var beta = Math.Min(rng.NextDouble(0.6, 1.4), 0.9 * annualVolatility / MarketAnnualVolatility);
        var marketPart = beta * MarketAnnualVolatility;
        var idiosyncratic = Math.Sqrt((annualVolatility * annualVolatility) - (marketPart * marketPart));

        var baseVolume = Math.Exp(rng.NextDouble(Math.Log(2e5), Math.Log(2e7)));
        var paysDividends = rng.NextDouble() < 0.5;
        var yieldPerPayment = rng.NextDouble(0.003, 0.01);

        // Phase 1..63 so the first ex-date is never the very first session, which has no previous close.
        var phase = 1 + (int)(rng.NextDouble() * DividendIntervalSessions);

        var sqrtYear = Math.Sqrt(TradingDaysPerYear);
        return new SymbolProfile(
            key,
            Math.Max(1, (long)Math.Round(initialPrice * 100.0, MidpointRounding.AwayFromZero)),
            annualLogDrift / TradingDaysPerYear,
            annualVolatility / sqrtYear,
            beta,
            idiosyncratic / sqrtYear,
            baseVolume,
            paysDividends,
            yieldPerPayment,
            phase);
    }
}
