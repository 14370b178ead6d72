namespace StockLakehouse.Core.Payloads;

/// <summary>Why a whole payload could not be used: expected bad input, quarantined with this reason.</summary>
public sealed record PayloadRejection(string Reason, string Detail);
