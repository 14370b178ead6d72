using StockLakehouse.Core.Domain;

namespace StockLakehouse.Jobs.Gold;

/// <summary>One dim_company row: a version of a company valid from <see cref="ValidFrom"/> to <see cref="ValidTo"/>, both inclusive.</summary>
public sealed record CompanyVersion(
    long CompanyKey,
    Symbol Symbol,
    string Name,
    long ExchangeKey,
    string? Sector,
    string? Industry,
    string Currency,
    string? Country,
    DateOnly? IpoDate,
    DateOnly? DelistingDate,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    bool IsCurrent)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && date <= ValidTo;
}
