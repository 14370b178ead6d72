namespace StockLakehouse.Core.Reference;

/// <summary>The companies as one dated reference extract described them, effective from <paramref name="EffectiveDate"/> (inclusive).</summary>
public sealed record CompanySnapshot(DateOnly EffectiveDate, IReadOnlyList<CompanyReference> Companies);
