using StockLakehouse.Core.Reference;

namespace StockLakehouse.Jobs.Gold;

/// <summary>The companies as a reference file described them, effective from <paramref name="EffectiveDate"/> (inclusive).</summary>
public sealed record CompanySnapshot(DateOnly EffectiveDate, IReadOnlyList<CompanyReference> Companies);
