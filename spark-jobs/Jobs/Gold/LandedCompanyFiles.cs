using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// The company data the extractor landed, for dim_company, each object effective from its ingest date: company
/// files (<c>raw/source=reference/dataset=companies/…csv</c>) as dated reference snapshots, and Alpha Vantage
/// OVERVIEW and LISTING_STATUS answers as facts merged under the reference by <see cref="CompanyHistory"/>.
/// An object that cannot be read is skipped whole and comes back as a quarantine record with the reason, never
/// half-applied. Every engine builds dim_company this way.
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

    /// <summary>The facts of the landed Alpha Vantage OVERVIEW and LISTING_STATUS objects, with the objects that could not be read.</summary>
    public static async Task<(IReadOnlyList<DatedCompanyFacts> Overviews, IReadOnlyList<DatedCompanyFacts> Listings, IReadOnlyList<QuarantineRecord> Rejects)> ReadAlphaVantageAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);
        var rejects = new List<QuarantineRecord>();
        var overviews = await ReadEachAsync(
            store, AlphaVantageCompanyFacts.OverviewDataset, ".json", rejects,
            (body, key) => [AlphaVantageCompanyFacts.ReadOverview(body, key, reference)],
            cancellationToken).ConfigureAwait(false);
        var listings = await ReadEachAsync(
            store, AlphaVantageCompanyFacts.ListingDataset, ".csv", rejects,
            (body, key) => AlphaVantageCompanyFacts.ReadListing(Encoding.UTF8.GetString(body), key, reference),
            cancellationToken).ConfigureAwait(false);
        return (overviews, listings, rejects);
    }

    /// <summary>dim_company's versions from the shipped snapshots and the landed company data, with the objects that could not be read.</summary>
    public static async Task<(IReadOnlyList<CompanyVersion> Versions, IReadOnlyList<QuarantineRecord> Rejects)> VersionsAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        var (snapshots, rejects) = await ReadAsync(store, reference, cancellationToken).ConfigureAwait(false);
        var (overviews, listings, alphaVantageRejects) = await ReadAlphaVantageAsync(store, reference, cancellationToken).ConfigureAwait(false);
        var merged = CompanyHistory.Merge(DimCompanyBuilder.WithExtracts(reference.CompanySnapshots, snapshots), overviews, listings);
        return (DimCompanyBuilder.Build(merged), [.. rejects, .. alphaVantageRejects]);
    }

    private static async Task<List<DatedCompanyFacts>> ReadEachAsync(
        IObjectStore store,
        string dataset,
        string extension,
        List<QuarantineRecord> rejects,
        Func<byte[], string, IReadOnlyList<CompanyFacts>> read,
        CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(LakeLayout.RawPrefix(AlphaVantageCompanyFacts.Source, dataset), cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith(extension, StringComparison.Ordinal) && !info.Key.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal))
            {
                keys.Add(info.Key);
            }
        }

        var result = new List<DatedCompanyFacts>(keys.Count);
        foreach (var key in keys.OrderBy(LakeLayout.IngestDateOf).ThenBy(k => k, StringComparer.Ordinal))
        {
            var body = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"Raw object '{key}' vanished while it was being read.");
            try
            {
                result.Add(new DatedCompanyFacts(LakeLayout.IngestDateOf(key), read(body, key)));
            }
            catch (InvalidDataException e)
            {
                rejects.Add(new QuarantineRecord("dim_company", WholeFile, key, null, null, InvalidCompanyFile, e.Message));
            }
        }

        return result;
    }
}
