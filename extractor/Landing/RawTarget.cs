namespace StockLakehouse.Extractor.Landing;

/// <summary>
/// Where a request lands (<see cref="Key"/>), whether it has landed there intact, and the damage found in an
/// earlier landing of it, if any (a sentence naming the key), which makes this landing a repair.
/// </summary>
public sealed record RawTarget(string Key, bool Landed, string? Damage);
