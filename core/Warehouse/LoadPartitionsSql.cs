using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// The warehouse's record of what each partitioned table was loaded from, one row per lake partition in
/// <see cref="TableName"/>: the partition's value and the fingerprint of the file it was loaded from. A load stages and
/// merges only the partitions whose fingerprint differs from the recorded one (or that have none), and an engine
/// writes a partition's new fingerprint in the same transaction as its merge, so a load stopped part-way never records
/// a partition it did not merge. A fingerprint must change whenever the file's bytes do: a content hash, or an
/// object-store generation. Shared SQL, as <see cref="LoadSql"/>.
/// </summary>
public static class LoadPartitionsSql
{
    public const string TableName = "load_partitions";

    /// <summary>The table, declared like a schemas/ table so each engine creates it as it creates the others.</summary>
    public static TableSchema Table { get; } = new(
        TableName,
        "warehouse",
        "The lake partitions each partitioned table was loaded from, with the fingerprint of each partition's file; a load merges only partitions whose fingerprint changed.",
        [
            new FieldSchema("table_name", "STRING", true, "The warehouse table."),
            new FieldSchema("partition_value", "STRING", true, "The value of the table's lake partition column, as text."),
            new FieldSchema("fingerprint", "STRING", true, "The fingerprint of the partition file the table's rows of this partition were loaded from."),
        ],
        ["table_name", "partition_value"],
        null,
        null,
        [],
        []);

    /// <summary>The query reading <paramref name="table"/>'s recorded partitions: partition_value, fingerprint.</summary>
    public static string Read(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"SELECT {Column("partition_value")}, {Column("fingerprint")} FROM {DuckDbSql.Identifier(TableName)} WHERE {Column("table_name")} = {DuckDbSql.Literal(table.Name)}";
    }

    /// <summary>Forgets every recorded partition of <paramref name="table"/> (its target is empty, so nothing recorded is in it).</summary>
    public static string Clear(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"DELETE FROM {DuckDbSql.Identifier(TableName)} WHERE {Column("table_name")} = {DuckDbSql.Literal(table.Name)}";
    }

    /// <summary>Forgets the recorded partitions of <paramref name="table"/> named in <paramref name="partitions"/>.</summary>
    public static string Forget(TableSchema table, IReadOnlyCollection<string> partitions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(partitions);
        return partitions.Count == 0
            ? throw new ArgumentException($"No partitions of {table.Name} to forget.", nameof(partitions))
            : $"{Clear(table)} AND {Column("partition_value")} IN ({string.Join(", ", partitions.Select(DuckDbSql.Literal))})";
    }

    /// <summary>
    /// Forgets the recorded partitions of <paramref name="table"/> that <paramref name="lakePartitions"/> does not list
    /// (a relation with one column, named as the table's lake partition, which holds text): the records of the partitions
    /// <see cref="LoadSql.Reconcile"/> empties.
    /// </summary>
    public static string ForgetMissing(TableSchema table, string lakePartitions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(lakePartitions);
        var partition = table.LakePartition is { } p && table.Field(p).ColumnType == Tables.ColumnType.String
            ? DuckDbSql.Identifier(p)
            : throw new ArgumentException($"Table '{table.Name}' has no lake partition column of text to compare recorded partitions with.", nameof(table));
        return $"{Clear(table)} AND {Column("partition_value")} NOT IN (SELECT {partition} FROM {DuckDbSql.Identifier(lakePartitions)})";
    }

    /// <summary>The statements recording <paramref name="fingerprints"/> (partition value → fingerprint) as <paramref name="table"/>'s, replacing what was recorded for them.</summary>
    public static IReadOnlyList<string> Record(TableSchema table, IReadOnlyDictionary<string, string> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fingerprints);
        if (fingerprints.Count == 0)
        {
            return [];
        }

        return [Forget(table, fingerprints.Keys.ToArray()), Insert(table, fingerprints)];
    }

    /// <summary>
    /// The statement adding <paramref name="fingerprints"/> (partition value → fingerprint) as <paramref name="table"/>'s
    /// records, for a table whose records were just cleared (<see cref="Clear"/>), so there is nothing to replace.
    /// </summary>
    public static string Insert(TableSchema table, IReadOnlyDictionary<string, string> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fingerprints);
        if (fingerprints.Count == 0)
        {
            throw new ArgumentException($"No partitions of {table.Name} to record.", nameof(fingerprints));
        }

        var rows = fingerprints.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"({DuckDbSql.Literal(table.Name)}, {DuckDbSql.Literal(p.Key)}, {DuckDbSql.Literal(p.Value)})");
        return $"INSERT INTO {DuckDbSql.Identifier(TableName)} ({Column("table_name")}, {Column("partition_value")}, {Column("fingerprint")}) VALUES\n  {string.Join(",\n  ", rows)}";
    }

    /// <summary>
    /// The partitions of <paramref name="lake"/> (partition value → fingerprint) a load must stage: those whose
    /// fingerprint is not the one <paramref name="recorded"/> holds for them.
    /// </summary>
    public static IReadOnlySet<string> Changed(IReadOnlyDictionary<string, string> lake, IReadOnlyDictionary<string, string> recorded)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(recorded);
        return lake.Where(p => !recorded.TryGetValue(p.Key, out var fingerprint) || !string.Equals(fingerprint, p.Value, StringComparison.Ordinal))
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Column(string name) => DuckDbSql.Identifier(name);
}
