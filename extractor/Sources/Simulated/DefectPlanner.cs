namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// Decides where a payload is defective. Each decision is a hash of (symbol key, date) rather than a draw
/// from a stream, so a date that has a null in one window has it in every window that contains it, and the
/// duplicated bar depends only on the window's last session.
/// </summary>
internal static class DefectPlanner
{
    internal const ulong NullSalt = 0x0DEF_EC75_0000_0003UL;
    internal const ulong DuplicateSalt = 0x0DEF_EC75_0000_0004UL;

    public static DefectPlan Plan(SymbolProfile profile, SessionTable sessions, int from, SymbolPath path)
    {
        var defects = new List<SimulatedDefect>();
        var nullKey = SplitMix64.Mix(profile.Key ^ NullSalt);
        for (var k = 0; k < path.Count; k++)
        {
            var rng = new SplitMix64(SplitMix64.Mix(nullKey + (ulong)sessions.Days[from + k].DayNumber));
            if (rng.NextDouble() < SimulatedMarket.NullDefectRatePerBar)
            {
                defects.Add(new SimulatedDefect(k, ChooseNullKind(rng.NextDouble())));
            }
        }

        DuplicateBar? duplicate = null;
        if (path.Count > 0)
        {
            var last = path.Count - 1;
            var lastDay = sessions.Days[from + last];
            var rng = new SplitMix64(SplitMix64.Mix(SplitMix64.Mix(profile.Key ^ DuplicateSalt) + (ulong)lastDay.DayNumber));
            if (rng.NextDouble() < SimulatedMarket.DuplicatedTrailingBarRatePerPayload)
            {
                duplicate = Duplicate(sessions.Opens[from + last], path, last, ref rng);
                defects.Add(new SimulatedDefect(path.Count, DefectKind.DuplicatedTrailingBar));
            }
        }

        return defects.Count == 0 ? DefectPlan.None : new DefectPlan(defects, duplicate);
    }

    /// <summary>
    /// Whole-bar nulls are the commonest shape Yahoo serves; a lone null close is next (it takes adjclose with it).
    /// </summary>
    private static DefectKind ChooseNullKind(double draw) => draw switch
    {
        < 0.40 => DefectKind.NullBar,
        < 0.60 => DefectKind.NullClose,
        < 0.70 => DefectKind.NullOpen,
        < 0.80 => DefectKind.NullHigh,
        < 0.90 => DefectKind.NullLow,
        _ => DefectKind.NullVolume,
    };

    private static DuplicateBar Duplicate(long openTimestamp, SymbolPath path, int last, ref SplitMix64 rng)
    {
        // Between 2 h after the open and the 16:00 close: a few hours later, still the same New York date.
        var offsetSeconds = 7_200 + (long)(rng.NextDouble() * (SessionTable.SessionLengthSeconds - 7_200));

        // The live bar was sampled at a different moment, so its close and volume differ a little.
        var close = Math.Max(1L, (long)Math.Round(path.CloseCents[last] * (1.0 + (0.002 * rng.NextNormal())), MidpointRounding.AwayFromZero));
        if (close == path.CloseCents[last])
        {
            close++;
        }

        var volume = Math.Max(1L, (long)Math.Round(path.Volume[last] * rng.NextDouble(0.85, 0.99), MidpointRounding.AwayFromZero));
        return new DuplicateBar(
            openTimestamp + offsetSeconds,
            path.OpenCents[last],
            Math.Max(path.HighCents[last], close),
            Math.Min(path.LowCents[last], close),
            close,
            volume);
    }
}
