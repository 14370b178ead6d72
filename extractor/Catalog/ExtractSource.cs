using StockLakehouse.Core.Calendar;
using StockLakehouse.Extractor.Fetching;
using StockLakehouse.Extractor.Secrets;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Catalog;

/// <summary>
/// One dataset of one source, ready to extract: the source itself wrapped in its timeout, limits, retries and
/// stop switch. Built by <see cref="ExtractSourceCatalog"/>; planned by <c>ExtractPlanner</c>; run by <c>ExtractJob</c>.
/// </summary>
public sealed class ExtractSource
{
    private readonly SourceStop _stop;
    private readonly bool _landsUnderRangeEnd;

    internal ExtractSource(IRawSource raw, IRequestExecutor executor, string description, SourceStop stop, bool landsUnderRangeEnd)
    {
        Raw = raw;
        Executor = executor;
        Description = description;
        _stop = stop;
        _landsUnderRangeEnd = landsUnderRangeEnd;
    }

    /// <summary>The lake's source name (raw/source=&lt;name&gt;/).</summary>
    public string Name => Raw.Name;

    /// <summary>The lake's dataset name (raw/…/dataset=&lt;dataset&gt;/).</summary>
    public string Dataset => Raw.Dataset;

    public RawFormat Format => Raw.Format;

    public RequestScope Scope => Raw.Scope;

    /// <summary>For people and manifests: what the source is and where it points (never a secret).</summary>
    public string Description { get; }

    /// <summary>Why the source stopped during the run (daily cap, rejected key); null while it runs.</summary>
    public string? StoppedReason => _stop.Reason;

    internal IRawSource Raw { get; }

    internal IRequestExecutor Executor { get; }

    /// <summary>
    /// The ingest date objects land under. The simulated market's data for a range is final once the range has
    /// ended, so it lands under the range's end (two runs with the same options write identical lakes); every
    /// live source lands under the New York date on which the data was obtained.
    /// </summary>
    public DateOnly IngestDateFor(DateOnly rangeEnd, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return _landsUnderRangeEnd ? rangeEnd : NyseCalendar.Instance.TradeDateOf(clock.GetUtcNow());
    }

    /// <summary>A chart source (the simulated market, a test double) with its answers classified as Yahoo chart v8, no limits and no retries.</summary>
    public static ExtractSource FromChartSource(IChartSource source, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var raw = new ChartSourceAdapter(source);
        return new ExtractSource(raw, new ClassifyingExecutor(raw, SecretRedactor.UrlsOnly), description ?? source.Name, new SourceStop(), landsUnderRangeEnd: true);
    }

    internal Task<IReadOnlyList<RawRequest>> DiscoverAsync(DateOnly from, DateOnly to, DateOnly ingestDate, CancellationToken cancellationToken) =>
        Raw is IDiscoveringSource discovering
            ? discovering.DiscoverAsync(from, to, ingestDate, cancellationToken)
            : throw new InvalidOperationException($"The source {Name}/{Dataset} does not list its own requests.");
}
