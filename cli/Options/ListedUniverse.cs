using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.Cli.Options;

/// <summary>The symbol universe an Alpha Vantage LISTING_STATUS landed in a local lake describes.</summary>
public static class ListedUniverse
{
    /// <summary>
    /// The active listings on exchanges the reference maps, in the newest active LISTING_STATUS of the lake
    /// (<see cref="LandedCompanyFiles.NewestActiveListingAsync"/>), in the file's order.
    /// </summary>
    /// <exception cref="InvalidDataException">The lake holds no active listing, or the newest one is no LISTING_STATUS CSV.</exception>
    public static IReadOnlyList<Symbol> ActiveSymbols(string lakeFolder, ReferenceData reference)
    {
        var newest = LandedCompanyFiles.NewestActiveListingAsync(new LocalDirectoryObjectStore(lakeFolder), reference, CancellationToken.None).GetAwaiter().GetResult()
            ?? throw new InvalidDataException(
                $"The lake '{lakeFolder}' holds no active LISTING_STATUS; land one with 'lakehouse extract --source alphavantage --datasets listing_status'.");
        var active = newest.Facts.Where(f => f.DelistingDate is null).Select(f => f.Symbol).ToArray();
        return active.Length > 0 ? active : throw new InvalidDataException($"The listing '{newest.Key}' names no active symbol on a known exchange.");
    }
}
