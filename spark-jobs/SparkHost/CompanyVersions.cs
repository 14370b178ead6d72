using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.SparkHost;

/// <summary>The dim_company versions per symbol, built once per process from the reference data shipped with the host.</summary>
internal static class CompanyVersions
{
    private static readonly Lazy<ILookup<Symbol, CompanyVersion>> BySymbol =
        new(() => DimCompanyBuilder.Build(ReferenceData.LoadDefault().CompanySnapshots).ToLookup(v => v.Symbol));

    public static CompanyVersion[] Of(Symbol symbol) => BySymbol.Value[symbol].ToArray();
}
