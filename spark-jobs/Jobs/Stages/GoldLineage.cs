using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold knows, before computing a symbol, about where its new rows can differ from the previous computation's:
/// that computation's state, the <see cref="GoldInputs.Context"/> digest now, the silver file as listed, and the file
/// silver merged it onto (null: not merged, or silver's state does not describe the file).
/// </summary>
internal sealed record GoldLineage(GoldPartitionState? Previous, string Context, ObjectInfo Silver, ObjectInfo? MergedOnto);
