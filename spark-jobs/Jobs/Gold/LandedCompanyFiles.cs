using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;

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
    public const string Source = LakeNames.Reference;
    public const string Dataset = LakeNames.Companies;

    /// <summary>The reject reason of a landed company file that cannot be read.</summary>
    public const string InvalidCompanyFile = "invalid_company_file";

    /// <summary>The reject reason of one LISTING_STATUS row that cannot be read (the file's other rows still count).</summary>
    public const string InvalidListingRow = "invalid_listing_row";

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
                rejects.Add(new QuarantineRecord(LakeNames.DimCompany, WholeFile, key, null, null, InvalidCompanyFile, e.Message));
            }
        }

        return (snapshots, rejects);
    }

    /// <summary>dim_company's versions from the shipped snapshots and the landed company data, with the objects that could not be read.</summary>
    /// <remarks>
    /// The Alpha Vantage objects are read one ingest date at a time and folded into a <see cref="CompanyHistory"/>,
    /// so memory holds one date's objects and the state per symbol, however many daily listings the lake keeps.
    /// </remarks>
    public static async Task<(IReadOnlyList<CompanyVersion> Versions, IReadOnlyList<QuarantineRecord> Rejects)> VersionsAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        var (snapshots, fileRejects) = await ReadAsync(store, reference, cancellationToken).ConfigureAwait(false);
        var rejects = fileRejects.ToList();
        var referenceOn = DimCompanyBuilder.WithExtracts(reference.CompanySnapshots, snapshots).ToDictionary(s => s.EffectiveDate);
        var overviewKeys = await KeysByDateAsync(store, AlphaVantageCompanyFacts.OverviewDataset, ".json", cancellationToken).ConfigureAwait(false);
        var listingKeys = await KeysByDateAsync(store, AlphaVantageCompanyFacts.ListingDataset, ".csv", cancellationToken).ConfigureAwait(false);
        var history = new CompanyHistory();
        foreach (var date in referenceOn.Keys.Concat(overviewKeys.Select(g => g.Key)).Concat(listingKeys.Select(g => g.Key)).Distinct().Order())
        {
            var overviews = await ReadFactsAsync(
                store, overviewKeys[date], rejects, (body, key, _) => [AlphaVantageCompanyFacts.ReadOverview(SymbolOfKey(key), body, key, reference)], cancellationToken).ConfigureAwait(false);
            var listings = await ReadFactsAsync(
                store, listingKeys[date], rejects, (body, key, bad) =>
                {
                    var rows = new List<(int Line, string Problem)>();
                    var facts = AlphaVantageCompanyFacts.ReadListing(Encoding.UTF8.GetString(body), key, reference, rows);
                    bad.AddRange(rows.Select(r => new QuarantineRecord(LakeNames.DimCompany, WholeFile, key, r.Line, null, InvalidListingRow, r.Problem)));
                    return facts;
                }, cancellationToken).ConfigureAwait(false);
            history.Step(date, referenceOn.TryGetValue(date, out var snapshot) ? snapshot.Companies : [], overviews, listings);
        }

        return (DimCompanyBuilder.Build(history.Snapshots), rejects);
    }

    /// <summary>
    /// The newest active LISTING_STATUS landed (the latest ingest date, then the greatest key) with its facts, rows
    /// that cannot be read left out as gold leaves them out; null when none has landed.
    /// </summary>
    /// <exception cref="InvalidDataException">The newest listing is no LISTING_STATUS CSV.</exception>
    public static async Task<(string Key, IReadOnlyList<CompanyFacts> Facts)?> NewestActiveListingAsync(
        IObjectStore store, ReferenceData reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);
        var keys = await KeysByDateAsync(store, AlphaVantageCompanyFacts.ListingDataset, ".csv", cancellationToken).ConfigureAwait(false);
        var newest = keys
            .OrderByDescending(g => g.Key)
            .Select(g => g.LastOrDefault(k => LakeLayout.SymbolOf(k) == AlphaVantageCompanyFacts.ActiveListingSubject))
            .FirstOrDefault(k => k is not null);
        if (newest is null)
        {
            return null;
        }

        var body = await store.ReadAsync(newest, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"Raw object '{newest}' vanished while it was being read.");
        return (newest, AlphaVantageCompanyFacts.ReadListing(Encoding.UTF8.GetString(body), newest, reference, new List<(int, string)>()));
    }

    private static Symbol SymbolOfKey(string key) =>
        Symbol.TryParse(LakeLayout.SymbolOf(key), out var symbol) ? symbol : throw new InvalidDataException($"'{key}' does not name a ticker symbol.");

    private static async Task<ILookup<DateOnly, string>> KeysByDateAsync(IObjectStore store, string dataset, string extension, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(LakeLayout.RawPrefix(AlphaVantageCompanyFacts.Source, dataset), cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith(extension, StringComparison.Ordinal) && !info.Key.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal))
            {
                keys.Add(info.Key);
            }
        }

        return keys.Order(StringComparer.Ordinal).ToLookup(LakeLayout.IngestDateOf);
    }

    /// <summary>The facts of the objects under <paramref name="keys"/>, in key order; an object that cannot be read becomes a reject.</summary>
    private static async Task<List<CompanyFacts>> ReadFactsAsync(
        IObjectStore store,
        IEnumerable<string> keys,
        List<QuarantineRecord> rejects,
        Func<byte[], string, List<QuarantineRecord>, IReadOnlyList<CompanyFacts>> read,
        CancellationToken cancellationToken)
    {
        var result = new List<CompanyFacts>();
        foreach (var key in keys)
        {
            var body = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"Raw object '{key}' vanished while it was being read.");
            try
            {
                result.AddRange(read(body, key, rejects));
            }
            catch (InvalidDataException e)
            {
                rejects.Add(new QuarantineRecord(LakeNames.DimCompany, WholeFile, key, null, null, InvalidCompanyFile, e.Message));
            }
        }

        return result;
    }
}
