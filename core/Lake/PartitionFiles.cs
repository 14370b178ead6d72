using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Lake;

/// <summary>A partitioned table's files as a store lists them, grouped by partition value.</summary>
public static class PartitionFiles
{
    /// <summary>
    /// Every partition file of <paramref name="table"/> in <paramref name="store"/> — each partition's file and, after
    /// daily runs, its tail (<see cref="LakeLayout.PartitionValueOfFile"/>) — by partition value, each partition's files
    /// in ordinal key order as the store lists them. Anything else under the table's prefix (a writer's marker file) is
    /// left out.
    /// </summary>
    public static async Task<Dictionary<string, List<ObjectInfo>>> ListAsync(IObjectStore store, TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(table);
        var files = new Dictionary<string, List<ObjectInfo>>(StringComparer.Ordinal);
        await foreach (var item in store.ListAsync(table.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            if (LakeLayout.PartitionValueOfFile(table, item.Key) is { } value)
            {
                (files.TryGetValue(value, out var listed) ? listed : files[value] = []).Add(item);
            }
        }

        return files;
    }
}
