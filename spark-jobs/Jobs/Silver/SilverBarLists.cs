namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// The two lists one <see cref="DailyBarSilverFunction.Process"/> call works in (the bars offered, the winners), kept
/// per thread for the next call. A symbol's few thousand bars of about a hundred bytes each make these lists
/// large-object-heap arrays, which a new list per symbol allocated, zeroed and left to full collections, several times
/// over as it grew. Process runs synchronously, so a thread's lists serve one call at a time.
/// </summary>
internal sealed class SilverBarLists
{
    /// <summary>Lists that grew past this many bars (about 7 MB) are not kept; twenty years are about 5,000 bars an object.</summary>
    private const int MaxKeptBars = 1 << 16;

    [ThreadStatic]
    private static SilverBarLists? _kept;

    private SilverBarLists()
    {
    }

    public List<SilverBar> Offered { get; } = [];

    public List<SilverBar> Winners { get; } = [];

    /// <summary>This thread's kept lists, empty, or new ones when a call on this thread holds them.</summary>
    public static SilverBarLists Rent()
    {
        var lists = _kept ?? new SilverBarLists();
        _kept = null;
        return lists;
    }

    /// <summary>Empties the lists (so they hold no strings of the call) and keeps them for this thread's next call.</summary>
    public void Return()
    {
        Offered.Clear();
        Winners.Clear();
        if (Offered.Capacity <= MaxKeptBars && Winners.Capacity <= MaxKeptBars)
        {
            _kept = this;
        }
    }
}
