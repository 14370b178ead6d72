namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold knows, before computing a symbol, about where its new rows can differ from the previous computation's:
/// that computation's state, the <see cref="GoldInputs.Context"/> digest now, the silver files as listed, the files
/// silver merged them onto (null: not merged, or silver's state does not describe the file) and the SHA-256 of the
/// silver file (<see cref="GoldInputs.FileDigest"/>); and, with the files merged onto, the first date whose silver row that
/// merge changed in value (<see cref="SilverPartitionState.ChangedFrom"/>; null: unknown or none); and the first date
/// of silver's tail (<see cref="SilverPartitionState.TailFrom"/>; null: no tail, or silver's state does not describe the
/// files), where a computation of the whole history starts gold's tails.
/// </summary>
internal sealed record GoldLineage(GoldPartitionState? Previous, string Context, SilverFiles Silver, SilverFiles? MergedOnto, string FileDigest)
{
    public DateOnly? SilverChangedFrom { get; init; }

    public DateOnly? SilverTailFrom { get; init; }
}
