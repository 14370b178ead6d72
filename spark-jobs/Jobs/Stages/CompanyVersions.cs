using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.Jobs.Stages;

/// <summary>dim_company's versions and the unreadable company objects, as <see cref="LandedCompanyFiles.VersionsAsync"/> gives them.</summary>
public sealed record CompanyVersions(IReadOnlyList<CompanyVersion> Versions, IReadOnlyList<QuarantineRecord> Rejects)
{
    /// <summary>The versions of each symbol, oldest first.</summary>
    public ILookup<Symbol, CompanyVersion> BySymbol { get; } = Versions.ToLookup(v => v.Symbol);
}
