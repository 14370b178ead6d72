using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Stages;

/// <summary>A symbol's gold rows dated from <see cref="From"/> on, one batch per fact table in the order gold writes them, for the run's change files (<see cref="GoldChangeFiles"/>).</summary>
internal sealed record KeptChangeRows(DateOnly From, IReadOnlyList<RecordBatch> Rows);
