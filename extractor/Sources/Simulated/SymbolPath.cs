namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// The as-traded series of one symbol over a window, in integer cents so that "rounded to cents" is exact and
/// later arithmetic never drifts. <see cref="PreviousCloseCents"/> is the close of the session before the
/// window (for an empty window, the last session on or before its end), or null when there is none.
/// </summary>
internal sealed class SymbolPath
{
    public SymbolPath(int count)
    {
        OpenCents = new long[count];
        HighCents = new long[count];
        LowCents = new long[count];
        CloseCents = new long[count];
        Volume = new long[count];
    }

    public int Count => CloseCents.Length;

    public long[] OpenCents { get; }

    public long[] HighCents { get; }

    public long[] LowCents { get; }

    public long[] CloseCents { get; }

    public long[] Volume { get; }

    public List<PathDividend> Dividends { get; } = [];

    public List<PathSplit> Splits { get; } = [];

    public long? PreviousCloseCents { get; set; }
}
