using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The dim_company versions per symbol, built once per process and lake from the reference data shipped with the
/// host and the company files landed in the lake — the versions the driver wrote to dim_company.
/// </summary>
internal static class CompanyVersions
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, ILookup<Symbol, CompanyVersion>> ByLake = new(StringComparer.Ordinal);

    public static CompanyVersion[] Of(string lake, Symbol symbol)
    {
        lock (Gate)
        {
            if (!ByLake.TryGetValue(lake, out var bySymbol))
            {
                var (versions, _) = LandedCompanyFiles.VersionsAsync(LakeStores.Partitions(lake).Store, ReferenceData.LoadDefault(), CancellationToken.None)
                    .GetAwaiter().GetResult();
                bySymbol = versions.ToLookup(v => v.Symbol);
                ByLake[lake] = bySymbol;
            }

            return bySymbol[symbol].ToArray();
        }
    }
}
