using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.Cli.Options;

/// <summary>The symbol universe an Alpha Vantage LISTING_STATUS landed in a local lake describes.</summary>
public static class ListedUniverse
{
    /// <summary>
    /// The active listings on exchanges the reference maps, in the newest <c>_active</c> LISTING_STATUS object of the
    /// lake (the latest ingest date, then the greatest key), in the file's order. Rows that cannot be read are
    /// skipped, as gold skips them.
    /// </summary>
    /// <exception cref="InvalidDataException">The lake holds no active listing, or the newest one is no LISTING_STATUS CSV.</exception>
    public static IReadOnlyList<Symbol> ActiveSymbols(string lakeFolder, ReferenceData reference)
    {
        var prefix = LakeLayout.RawPrefix(AlphaVantageCompanyFacts.Source, AlphaVantageCompanyFacts.ListingDataset);
        var folder = Path.Combine(lakeFolder, prefix.TrimEnd('/'));
        var newest = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "_active-*.csv", SearchOption.AllDirectories)
                .Select(path => (Path: path, Key: prefix + Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')))
                .OrderByDescending(f => LakeLayout.IngestDateOf(f.Key))
                .ThenByDescending(f => f.Key, StringComparer.Ordinal)
                .FirstOrDefault()
            : default;
        if (newest.Path is null)
        {
            throw new InvalidDataException(
                $"The lake '{lakeFolder}' holds no active LISTING_STATUS; land one with 'lakehouse extract --source alphavantage --datasets listing_status'.");
        }

        var listing = AlphaVantageCompanyFacts.ReadListing(File.ReadAllText(newest.Path, Encoding.UTF8), newest.Key, reference, new List<(int, string)>());
        var active = listing.Where(f => f.DelistingDate is null).Select(f => f.Symbol).ToArray();
        return active.Length > 0 ? active : throw new InvalidDataException($"The listing '{newest.Key}' names no active symbol on a known exchange.");
    }
}
