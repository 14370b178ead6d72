namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// The true, as-traded history behind a chart payload, for tests to check the Yahoo view against. Prices are
/// exact cents as they printed that day (not split-adjusted), volumes are shares traded that day, and
/// <see cref="Defects"/> says exactly where the payload departs from this truth. Series are aligned with
/// <see cref="Dates"/>; dividends and splits are those whose date falls inside the window.
/// </summary>
public sealed record SimulatedHistory(
    SimulatedInstrument Instrument,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<decimal> Open,
    IReadOnlyList<decimal> High,
    IReadOnlyList<decimal> Low,
    IReadOnlyList<decimal> Close,
    IReadOnlyList<long> Volume,
    IReadOnlyList<SimulatedDividend> Dividends,
    IReadOnlyList<SimulatedSplit> Splits,
    IReadOnlyList<SimulatedDefect> Defects);
