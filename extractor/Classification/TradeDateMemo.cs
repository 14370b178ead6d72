using StockLakehouse.Core.Calendar;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// <see cref="NyseCalendar.TradeDateOf"/> of a Unix timestamp, remembered per thread: every chart of a universe
/// carries the same few thousand session opens, and each conversion through <see cref="TimeZoneInfo"/> searches the
/// zone's adjustment rules. A fixed, direct-mapped table (a newer timestamp evicts an older one in its slot) bounds
/// the memory; a miss converts as before, so the dates are the calendar's own.
/// </summary>
internal static class TradeDateMemo
{
    private const int SlotBits = 13;

    [ThreadStatic]
    private static Slot[]? _threadSlots;

    public static DateOnly Of(long unixSeconds)
    {
        var slots = _threadSlots ??= new Slot[1 << SlotBits];
        ref var slot = ref slots[(int)((ulong)unixSeconds & ((1UL << SlotBits) - 1))];
        if (!slot.Filled || slot.UnixSeconds != unixSeconds)
        {
            slot.Date = NyseCalendar.Instance.TradeDateOf(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
            slot.UnixSeconds = unixSeconds;
            slot.Filled = true;
        }

        return slot.Date;
    }

    private struct Slot
    {
        public long UnixSeconds;
        public DateOnly Date;
        public bool Filled;
    }
}
