using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Gold;

/// <summary>The gold rows of one symbol: fact_stock_price and fact_technical_indicator, in trade-date order.</summary>
public sealed record GoldPartition(RecordBatch Facts, RecordBatch Indicators)
{
    /// <summary>The indicators' state at the bar a computation was asked to stop at (<see cref="GoldPartitionFunction.Compute(Silver.DailyBarSeries, IReadOnlyList{CompanyVersion}, int?)"/>); null: none.</summary>
    public Indicators.IndicatorCheckpoint? Checkpoint { get; init; }
}
