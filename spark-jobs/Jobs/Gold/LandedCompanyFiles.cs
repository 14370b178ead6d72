using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// The company files the extractor landed (<c>raw/source=reference/dataset=companies/…csv</c>) as dated snapshots
/// for dim_company, each effective from its ingest date. A file that cannot be read is skipped whole and comes
/// back as a quarantine record with the reason, never half-applied. Every engine builds dim_company this way.
/// </summary>
public static class LandedCompanyFiles
{
    public const string Source = "reference";
    public const string Dataset = "companies";

    /// <summary>The reject reason of a landed company file that cannot be read.</summary>
    public const string InvalidCompanyFile = "invalid_company_file";

    private const string WholeFile = "_all";

    public static async Task<(IReadOnlyList<CompanySnapshot> Snapshots, IReadOnlyList<QuarantineRecord> Rejects)> ReadAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(LakeLayout.RawPrefix(Source, Dataset), cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith(".csv", StringComparison.Ordinal))
            {
                keys.Add(info.Key);
            }
        }

        var snapshots = new List<CompanySnapshot>();
        var rejects = new List<QuarantineRecord>();
        foreach (var key in keys.OrderBy(LakeLayout.IngestDateOf).ThenBy(k => k, StringComparer.Ordinal))
        {
            var body = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"Raw object '{key}' vanished while it was being read.");
            try
            {
                snapshots.Add(reference.ParseSnapshot(Encoding.UTF8.GetString(body), key, LakeLayout.IngestDateOf(key)));
            }
            catch (InvalidDataException e)
            {
                rejects.Add(new QuarantineRecord("dim_company", WholeFile, key, null, null, InvalidCompanyFile, e.Message));
            }
        }

        return (snapshots, rejects);
    }

    /// <summary>dim_company's versions from the shipped snapshots and the landed files, with the files that could not be read.</summary>
    public static async Task<(IReadOnlyList<CompanyVersion> Versions, IReadOnlyList<QuarantineRecord> Rejects)> VersionsAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        var (snapshots, rejects) = await ReadAsync(store, reference, cancellationToken).ConfigureAwait(false);
        return (DimCompanyBuilder.Build(DimCompanyBuilder.WithExtracts(reference.CompanySnapshots, snapshots)), rejects);
    }
}
