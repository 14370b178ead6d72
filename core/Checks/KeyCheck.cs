namespace StockLakehouse.Core.Checks;

/// <summary>
/// What a uniqueness or same-keys check of <see cref="CheckSql"/> tests, stated as data so that a warehouse can prove
/// such a check passes more cheaply than by counting its violations, and count them with the check's SQL only when it
/// cannot. The key is <see cref="Groups"/> followed by <see cref="Ordinal"/>, a DATE or INT64 column (the facts'
/// <c>(symbol, trade_date)</c>).
/// </summary>
/// <param name="Table">The checked table.</param>
/// <param name="Groups">The key's columns before <see cref="Ordinal"/>; at least one.</param>
/// <param name="Ordinal">The key's last column.</param>
/// <param name="OrdinalIsDate">Whether <see cref="Ordinal"/> is a DATE (else an INT64).</param>
/// <param name="SameKeysAs">
/// Null for uniqueness: the check passes when no two rows of <see cref="Table"/> share a key (rows whose key holds a
/// NULL count as sharing it, as GROUP BY does). For same-keys, the other table, which has the same key columns: the
/// check passes when every row of either table finds a row with an equal key, NULL never equal, in the other.
/// </param>
public sealed record KeyCheck(string Table, IReadOnlyList<string> Groups, string Ordinal, bool OrdinalIsDate, string? SameKeysAs);
