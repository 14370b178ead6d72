using System.Globalization;
using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Proves, on DuckDB, that uniqueness and same-keys checks (<see cref="KeyCheck"/>) pass, without the hash table of
/// every key their shared SQL builds. Per table it keeps a summary in a temporary table: for each value of the key's
/// group columns (a symbol), its row count, its count of non-NULL ordinals and the set of its ordinals (trade dates) as
/// a bitstring (<c>bitstring_agg</c>, one bit per possible value). The key is then unique when every group's row count
/// equals the number of bits set, and two tables hold the same keys when their groups match one to one with equal
/// sets and neither has a NULL in its key. Both are exact: a proof that fails proves nothing, and the caller counts the
/// check's violations with its shared SQL as before, so the verdict, the count and the sample are always the shared
/// SQL's. The bitstrings of one ordinal column share one range across tables (the smallest and largest value of that
/// column in every table that has it), so that two tables' sets compare bit for bit.
/// </summary>
/// <remarks>
/// <c>bitstring_agg</c> is DuckDB's alone, which is why this is not shared SQL: BigQuery runs the checks' SQL as it is,
/// where a passing check is billed by the bytes of its key columns either way. A summary whose bitstrings would take
/// more than <see cref="MaxSummaryBytes"/> (a wide range of values, such as surrogate keys, times many groups) is not
/// built, and its checks run their SQL.
/// </remarks>
internal sealed class KeyProofs : IDisposable
{
    /// <summary>The most the bitstrings of one table's summary may take (groups × range / 8).</summary>
    internal const long MaxSummaryBytes = 128L << 20;

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private readonly DuckDBConnection _connection;
    /// <summary>Per summary: the ordinals' smallest and largest value (null without any) and at most how many groups it has (NULL counted as one more).</summary>
    private readonly Dictionary<(string Table, string Groups, string Ordinal), (long? Min, long? Max, long Groups)> _statistics;
    private readonly Dictionary<string, (long Min, long Max)> _ranges;
    private readonly Dictionary<(string Table, string Groups, string Ordinal), string?> _summaries = [];

    private KeyProofs(DuckDBConnection connection, Dictionary<(string Table, string Groups, string Ordinal), (long? Min, long? Max, long Groups)> statistics)
    {
        _connection = connection;
        _statistics = statistics;
        _ranges = statistics
            .Where(s => s.Value.Min is not null && s.Value.Max is not null)
            .GroupBy(s => s.Key.Ordinal, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Min(s => s.Value.Min!.Value), g.Max(s => s.Value.Max!.Value)), StringComparer.Ordinal);
    }

    /// <summary>Reads, for every table and ordinal column of <paramref name="keys"/>, the ordinals' range and the number of groups: two cheap aggregates per table.</summary>
    public static KeyProofs For(DuckDBConnection connection, IEnumerable<KeyCheck> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keys);
        var statistics = new Dictionary<(string Table, string Groups, string Ordinal), (long? Min, long? Max, long Groups)>();
        foreach (var key in keys.SelectMany(k => k.SameKeysAs is null ? [k] : new[] { k, Other(k) }))
        {
            if (key.Groups.Count == 0)
            {
                throw new ArgumentException($"The key check of table {key.Table} has no group columns before {key.Ordinal}; a key proof needs at least one.", nameof(keys));
            }

            var id = Id(key);
            if (statistics.ContainsKey(id))
            {
                continue;
            }

            // Two statements: DuckDB answers MIN and MAX of a bare column from its statistics, but not beside another aggregate.
            var table = DuckDbSql.Identifier(key.Table);
            var ordinal = DuckDbSql.Identifier(key.Ordinal);
            var bounds = connection.Interruptible(cancellationToken, c => c.Query($"SELECT MIN({ordinal}) AS low, MAX({ordinal}) AS high FROM {table}"));
            var groups = connection.Interruptible(cancellationToken, c => c.Scalar<long>($"SELECT COUNT(DISTINCT ({Columns(key.Groups)})) + 1 FROM {table}"));
            statistics[id] = (Ordinal(bounds.Columns[0].GetValue(0)), Ordinal(bounds.Columns[1].GetValue(0)), groups);
        }

        return new KeyProofs(connection, statistics);
    }

    /// <summary>True when the summaries prove the check of <paramref name="key"/> has no violation; false when they cannot.</summary>
    public bool Passes(KeyCheck key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var summary = Summary(key, cancellationToken);
        if (summary is null)
        {
            return false;
        }

        if (key.SameKeysAs is null)
        {
            return _connection.Interruptible(cancellationToken, c => c.Scalar<long>(
                $"SELECT COUNT(*) FROM {summary} WHERE (key_rows = bit_count(key_set)) IS NOT TRUE")) == 0;
        }

        var other = Summary(Other(key), cancellationToken);
        if (other is null)
        {
            return false;
        }

        var on = string.Join(" AND ", key.Groups.Select(DuckDbSql.Identifier).Select(g => $"a.{g} = b.{g}"));
        return _connection.Interruptible(cancellationToken, c => c.Scalar<long>(
            $"SELECT COUNT(*) FROM {summary} AS a FULL OUTER JOIN {other} AS b ON {on} "
            + "WHERE (a.key_rows = a.key_ordinals AND b.key_rows = b.key_ordinals AND a.key_set = b.key_set) IS NOT TRUE")) == 0;
    }

    public void Dispose()
    {
        foreach (var summary in _summaries.Values.OfType<string>())
        {
            _connection.Execute($"DROP TABLE IF EXISTS {summary}");
        }
    }

    /// <summary>The temporary table summarising <paramref name="key"/>'s table, built on first use; null when it would be too large or the ordinals have no range.</summary>
    private string? Summary(KeyCheck key, CancellationToken cancellationToken)
    {
        var id = Id(key);
        if (_summaries.TryGetValue(id, out var known))
        {
            return known;
        }

        string? summary = null;
        // In 128 bits: an INT64 column's range (surrogate keys) can exceed what a long holds.
        if (_ranges.TryGetValue(key.Ordinal, out var range) && _statistics[id].Groups * (((Int128)range.Max - range.Min) / 8 + 1) <= MaxSummaryBytes)
        {
            summary = DuckDbSql.Identifier($"check_key_summary_{_summaries.Count}");
            _connection.Interruptible(cancellationToken, c => c.Execute(string.Create(
                CultureInfo.InvariantCulture,
                $"CREATE OR REPLACE TEMP TABLE {summary} AS SELECT {id.Groups}, COUNT(*) AS key_rows, COUNT({DuckDbSql.Identifier(key.Ordinal)}) AS key_ordinals, "
                + $"bitstring_agg({Value(key)}, {range.Min}, {range.Max}) AS key_set FROM {DuckDbSql.Identifier(key.Table)} GROUP BY {id.Groups}")));
        }

        _summaries[id] = summary;
        return summary;
    }

    private static (string Table, string Groups, string Ordinal) Id(KeyCheck key) => (key.Table, Columns(key.Groups), key.Ordinal);

    /// <summary>The same key in the other table of a same-keys check.</summary>
    private static KeyCheck Other(KeyCheck key) => key with { Table = key.SameKeysAs!, SameKeysAs = null };

    /// <summary>A value of an ordinal column as the integer <see cref="Value"/> makes of it.</summary>
    private static long? Ordinal(object? value) => value switch
    {
        null => null,
        DateOnly date => date.DayNumber - Epoch.DayNumber,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The ordinal as an integer: a DATE as days since 1970-01-01.</summary>
    private static string Value(KeyCheck key) =>
        key.OrdinalIsDate ? $"({DuckDbSql.Identifier(key.Ordinal)} - DATE '1970-01-01')" : DuckDbSql.Identifier(key.Ordinal);

    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(DuckDbSql.Identifier));
}
