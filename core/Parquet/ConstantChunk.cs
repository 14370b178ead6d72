using Parquet;
using Parquet.Schema;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// A column chunk whose footer statistics prove that every row holds one value: no NULL, and a minimum equal to the
/// maximum. Such a chunk need not be decoded (a partition's symbol, its currency and source on most symbols, one
/// per row, thousands of times over). Only for types whose statistics order is exact equality — strings (Parquet.Net
/// orders them by ordinal comparison), INT32, INT64 and DATE; never for doubles, whose order calls 0.0 and −0.0 equal
/// and so cannot tell their bits apart. A bound a writer marks inexact (a long string's bound cut short, which the
/// format allows) proves nothing; Parquet.Net writes whole values.
/// </summary>
internal static class ConstantChunk
{
    /// <summary>
    /// The PLAIN encoding of the value every row of <paramref name="field"/> holds in <paramref name="group"/>, when its
    /// statistics say there is one; false when the chunk has NULLs, several values, or no such statistics.
    /// </summary>
    public static bool TryGet(ParquetRowGroupReader group, DataField field, out byte[] value)
    {
        value = [];
        var metadata = group.GetMetadata(field)?.MetaData;
        var statistics = metadata?.Statistics;
        if (metadata is null
            || statistics is not { NullCount: 0, MinValue: { } min, MaxValue: { } max }
            || statistics.IsMinValueExact == false
            || statistics.IsMaxValueExact == false
            || metadata.NumValues != group.RowCount
            || !min.AsSpan().SequenceEqual(max))
        {
            return false;
        }

        value = min;
        return true;
    }
}
