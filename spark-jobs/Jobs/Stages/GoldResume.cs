using StockLakehouse.Jobs.Indicators;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold keeps of a symbol's rows before its tails' first date (<see cref="GoldPartitionState.TailFrom"/>) to compute
/// the tails' rows alone: the indicators' state after those rows (whose last close is also the adjusted close the first
/// tail row's return is taken from), and the newest ingest date and dividend or split date among the silver rows before
/// it, which the next state's <see cref="GoldInputs"/> covers without reading them. It stays valid while the rows before
/// the tails are those it was taken from and the dividends and splits after them those it saw (its adjusted closes were
/// adjusted for them), which <see cref="GoldChangeRule"/> establishes before gold uses it.
/// </summary>
public sealed record GoldResume(IndicatorCheckpoint Indicators, DateOnly? LastIngestBefore, DateOnly? LastEventBefore)
{
    /// <summary>
    /// The as-traded close of the last silver row before the tails, which a dividend on the tails' first session divides
    /// by (<see cref="GoldEvent.PreviousClose"/>); null: not kept.
    /// </summary>
    public double? CloseBefore { get; init; }
}
