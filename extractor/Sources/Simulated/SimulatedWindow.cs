namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// Everything one request produced: the sessions of the window (<see cref="From"/> .. From + Count in
/// <see cref="Sessions"/>), the as-traded path and the defects. Both the true history and the Yahoo view are
/// rendered from it, so they cannot disagree.
/// </summary>
internal sealed record SimulatedWindow(
    SimulatedInstrument Instrument,
    SymbolProfile Profile,
    SessionTable Sessions,
    int From,
    SymbolPath Path,
    DefectPlan Plan)
{
    public int Count => Path.Count;
}
