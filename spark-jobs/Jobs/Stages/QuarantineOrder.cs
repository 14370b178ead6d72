using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The one order of a run's quarantine file, whichever engine collected the rejects: by symbol, then raw object, then
/// index within the object, each partition's rejects otherwise in the order its function found them.
/// </summary>
public static class QuarantineOrder
{
    /// <summary>One partition's rejects in quarantine order.</summary>
    public static IReadOnlyList<QuarantineRecord> Of(IEnumerable<QuarantineRecord> rejects) =>
        rejects.OrderBy(r => r.RawObject, StringComparer.Ordinal).ThenBy(r => r.Index).ToArray();

    /// <summary>Writes the outcomes' rejects as the run's quarantine file of <paramref name="table"/>; returns its key, or nothing when there was no reject.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(LakeContext lake, TableSchema table, IEnumerable<PartitionOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(table);
        var rejects = outcomes
            .Where(o => o.Rejects.Count > 0)
            .OrderBy(o => o.Symbol, StringComparer.Ordinal)
            .SelectMany(o => o.Rejects)
            .ToArray();
        return rejects.Length == 0 ? [] : [await WriteAsync(lake, table, rejects, cancellationToken).ConfigureAwait(false)];
    }

    /// <summary>Writes <paramref name="rejects"/>, as given, as the run's quarantine file of <paramref name="table"/>; returns its key.</summary>
    public static async Task<string> WriteAsync(LakeContext lake, TableSchema table, IReadOnlyCollection<QuarantineRecord> rejects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(table);
        var key = LakeLayout.Quarantine(table.Layer, table.Name, lake.RunId);
        await lake.Store.PutAsync(key, Encoding.UTF8.GetBytes(QuarantineRecord.JsonLines(rejects)), cancellationToken).ConfigureAwait(false);
        return key;
    }
}
