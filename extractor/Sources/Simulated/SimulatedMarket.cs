namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// A deterministic stock market that answers like Yahoo Finance's chart v8 API, the offline default source.
/// Each symbol follows a geometric Brownian motion from <see cref="SimulationOptions.Genesis"/> with its own
/// drift and volatility and a beta to a market factor shared by all symbols; about half pay quarterly
/// dividends (0.3–1 % of the price), and splits come about once per symbol per 13 years (2:1, 3:1, 4:1, and
/// about one in ten a 1:10 reverse split when a price falls below $1). A (seed, symbol, date) always prices the
/// same, whatever window.
/// </summary>
/// <remarks>
/// Defects (when <see cref="SimulationOptions.InjectDefects"/>): each bar is nulled with probability
/// <see cref="NullDefectRatePerBar"/> (40 % the whole bar, 20 % close with adjclose, 10 % each open, high, low,
/// volume), and each non-empty payload ends with Yahoo's duplicated live bar with probability
/// <see cref="DuplicatedTrailingBarRatePerPayload"/>. The calendar is the caller's: trading days come from
/// <c>tradingDays(from, toInclusive)</c> and each day's 09:30 New York open from <c>sessionOpenUtc</c>.
/// Thread-safe.
/// </remarks>
public sealed class SimulatedMarket
{
    /// <summary>Probability that a bar of a payload carries a null defect (one in a thousand bars).</summary>
    public const double NullDefectRatePerBar = 0.001;

    /// <summary>Probability that a non-empty payload ends with a duplicated live bar (one in twenty).</summary>
    public const double DuplicatedTrailingBarRatePerPayload = 0.05;

    // The table always reaches this far past Genesis so firstTradeDate exists even for windows before it.
    internal const int MinimumCoverageDays = 31;

    // Largest UTC offset anywhere (+14:00); a larger gap between 09:30 local and the UTC open is a bad calendar.
    internal const int MaximumOffsetSeconds = 14 * 3600;

    internal const ulong MarketSalt = 0x3A4B_E7FA_0000_0005UL;

    private static readonly TimeOnly _sessionOpenLocal = new(9, 30);

    private readonly SimulationOptions _options;
    private readonly Func<DateOnly, DateOnly, IReadOnlyList<DateOnly>> _tradingDays;
    private readonly Func<DateOnly, DateTimeOffset> _sessionOpenUtc;
    private readonly ulong _marketKey;
    private readonly Lock _extendGate = new();
    private volatile SessionTable? _sessions;

    public SimulatedMarket(
        SimulationOptions options,
        Func<DateOnly, DateOnly, IReadOnlyList<DateOnly>> tradingDays,
        Func<DateOnly, DateTimeOffset> sessionOpenUtc)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tradingDays);
        ArgumentNullException.ThrowIfNull(sessionOpenUtc);
        _options = options;
        _tradingDays = tradingDays;
        _sessionOpenUtc = sessionOpenUtc;
        _marketKey = SplitMix64.Mix(SplitMix64.Mix(options.Seed) ^ MarketSalt);
    }

    public SimulationOptions Options => _options;

    /// <summary>
    /// The chart v8 response (UTF-8 JSON) for daily bars from <paramref name="from"/> through
    /// <paramref name="toInclusive"/>, split-adjusted as of <paramref name="toInclusive"/>. A window without
    /// trading days yields Yahoo's empty shape: meta, no <c>timestamp</c>, <c>"indicators":{"quote":[{}]}</c>.
    /// </summary>
    public byte[] ChartJson(SimulatedInstrument instrument, DateOnly from, DateOnly toInclusive) =>
        YahooChartWriter.Write(BuildWindow(instrument, from, toInclusive));

    /// <summary><see cref="ChartJson"/> with the timestamps it writes, in their order, from one walk of the path.</summary>
    internal (byte[] Body, long[] Timestamps) ChartAnswer(SimulatedInstrument instrument, DateOnly from, DateOnly toInclusive)
    {
        var window = BuildWindow(instrument, from, toInclusive);
        return (YahooChartWriter.Write(window), YahooChartWriter.Timestamps(window));
    }

    /// <summary>The true as-traded history behind <see cref="ChartJson"/> for the same window.</summary>
    public SimulatedHistory History(SimulatedInstrument instrument, DateOnly from, DateOnly toInclusive)
    {
        var window = BuildWindow(instrument, from, toInclusive);
        var path = window.Path;
        var days = window.Sessions.Days.AsSpan(window.From, window.Count).ToArray();
        return new SimulatedHistory(
            instrument,
            days,
            ToDollars(path.OpenCents),
            ToDollars(path.HighCents),
            ToDollars(path.LowCents),
            ToDollars(path.CloseCents),
            path.Volume,
            path.Dividends.Select(d => new SimulatedDividend(days[d.Index], d.AmountCents / 100m)).ToArray(),
            path.Splits.Select(s => new SimulatedSplit(days[s.Index], s.Numerator, s.Denominator)).ToArray(),
            window.Plan.Defects);
    }

    private static decimal[] ToDollars(long[] cents) => Array.ConvertAll(cents, c => c / 100m);

    private SimulatedWindow BuildWindow(SimulatedInstrument instrument, DateOnly from, DateOnly toInclusive)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (from > toInclusive)
        {
            throw new ArgumentException($"The window starts ({from:yyyy-MM-dd}) after it ends ({toInclusive:yyyy-MM-dd}).", nameof(from));
        }

        var profile = SymbolProfile.Create(_options.Seed, instrument.Symbol);
        var sessions = SessionsThrough(toInclusive);
        var end = sessions.UpperBound(toInclusive);
        var start = Math.Min(sessions.LowerBound(from), end);
        var path = PricePathGenerator.Generate(profile, sessions, start, end);
        var plan = _options.InjectDefects ? DefectPlanner.Plan(profile, sessions, start, path) : DefectPlan.None;
        return new SimulatedWindow(instrument, profile, sessions, start, path, plan);
    }

    /// <summary>
    /// The session table covering at least <paramref name="date"/>, extended under a lock when needed; readers
    /// never block on an already long enough table.
    /// </summary>
    private SessionTable SessionsThrough(DateOnly date)
    {
        var minimum = _options.Genesis.AddDays(MinimumCoverageDays);
        var target = date > minimum ? date : minimum;
        var table = _sessions;
        if (table is not null && table.CoveredThrough >= target)
        {
            return table;
        }

        lock (_extendGate)
        {
            table = _sessions;
            if (table is not null && table.CoveredThrough >= target)
            {
                return table;
            }

            var start = table is null ? _options.Genesis : table.CoveredThrough.AddDays(1);
            var extended = Extend(table, start, target);
            _sessions = extended;
            return extended;
        }
    }

    private SessionTable Extend(SessionTable? table, DateOnly start, DateOnly end)
    {
        var added = _tradingDays(start, end)
            ?? throw new InvalidOperationException("The trading-day function returned null.");
        var oldCount = table?.Count ?? 0;
        var count = oldCount + added.Count;
        var days = new DateOnly[count];
        var opens = new long[count];
        var offsets = new int[count];
        var shocks = new double[count];
        if (table is not null)
        {
            table.Days.CopyTo(days, 0);
            table.Opens.CopyTo(opens, 0);
            table.GmtOffsets.CopyTo(offsets, 0);
            table.MarketShocks.CopyTo(shocks, 0);
        }

        var previous = oldCount > 0 ? days[oldCount - 1] : DateOnly.MinValue;
        for (var k = 0; k < added.Count; k++)
        {
            var day = added[k];
            if (day < start || day > end || (oldCount + k > 0 && day <= previous))
            {
                throw new InvalidOperationException(
                    $"The trading-day function returned {day:yyyy-MM-dd} for {start:yyyy-MM-dd}..{end:yyyy-MM-dd}: days must be ascending, distinct and in range.");
            }

            var open = _sessionOpenUtc(day);

            // 09:30 local minus the same instant in UTC is the local UTC offset, DST included.
            var offset = (day.ToDateTime(_sessionOpenLocal) - open.UtcDateTime).TotalSeconds;
            if (Math.Abs(offset) > MaximumOffsetSeconds)
            {
                throw new InvalidOperationException(
                    $"The session open for {day:yyyy-MM-dd} ({open:O}) is not 09:30 local time on that date.");
            }

            var i = oldCount + k;
            days[i] = day;
            opens[i] = open.ToUnixTimeSeconds();
            offsets[i] = (int)offset;

            // Counter-based: the shock of a date depends on the seed and the date only.
            shocks[i] = new SplitMix64(SplitMix64.Mix(_marketKey + (ulong)day.DayNumber)).NextNormal();
            previous = day;
        }

        if (count == 0)
        {
            throw new InvalidOperationException(
                $"The trading-day function returned no day between Genesis ({_options.Genesis:yyyy-MM-dd}) and {end:yyyy-MM-dd}.");
        }

        return new SessionTable(end, days, opens, offsets, shocks);
    }
}
