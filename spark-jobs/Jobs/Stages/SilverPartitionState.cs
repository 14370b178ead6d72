using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The inputs of a symbol's silver partition as it was last written — the code's version, the currency given to
/// sources without one, and the digest of its raw bodies with their sizes and their metadata's sizes — and the rejects
/// found in them, so that a run whose inputs are unchanged can skip the symbol and still quarantine what a full
/// build would.
/// </summary>
public sealed record SilverPartitionState(string Code, string? Currency, RawObjectDigest Objects, IReadOnlyList<QuarantineRecord> Rejects);
