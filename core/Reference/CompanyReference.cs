using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Reference;

/// <summary>A company as one reference snapshot (the "ERP" file) describes it.</summary>
public sealed record CompanyReference(
    Symbol Symbol,
    string Name,
    string Mic,
    string? Sector,
    string? Industry,
    string Currency,
    string? Country,
    DateOnly? IpoDate,
    DateOnly? DelistingDate);
