using System.Globalization;
using System.Text;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The BigQuery scripts that merge a table's staging copy into the target: the shared load statements of
/// <see cref="LoadSql"/> and <see cref="LoadPartitionsSql"/> (the very statements the local warehouse runs), translated
/// to GoogleSQL and wrapped in one transaction. Two shapes: <see cref="For"/>, the Composer DAGs', after a load job
/// that staged every partition file of the table, so the staging table is also the list of partitions the lake holds
/// (it forgets the table's <see cref="LoadPartitionsSql"/> records, which it does not keep); and
/// <see cref="ForPartitions"/>, deploy's, after load jobs that staged only the partitions whose files changed. The staging table is the run's own (<see cref="BigQueryDataset.StagingTableOf"/>); the script
/// first gives it an expiry of <see cref="StagingRetentionDays"/> days, so that run tables do not pile up in the
/// dataset while a retry of the MERGE still finds its rows.
/// </summary>
public static class BigQueryMergeSql
{
    /// <summary>How long a run's staging table outlives the start of its MERGE.</summary>
    public const int StagingRetentionDays = 7;

    /// <summary>The statement that gives a run's staging table its expiry (BigQuery DDL, outside the transaction).</summary>
    public static string ExpireStaging(string stagingTable) =>
        $"ALTER TABLE {stagingTable} SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL {StagingRetentionDays} DAY));\n\n";

    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    public static string For(TableSchema table, BigQueryDataset dataset, string run)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        var stagingName = BigQueryDataset.StagingTableOf(table.Name, run);
        var translator = new BigQuerySqlTranslator(dataset, [table.Name, stagingName, LoadPartitionsSql.TableName]);
        var sql = new StringBuilder();
        sql.Append("-- Merges ").Append(stagingName).Append(" into ").Append(table.Name)
            .Append(" by (").Append(string.Join(", ", table.Key)).Append("). Generated from schemas/ by StockLakehouse; do not edit.\n");
        sql.Append(ExpireStaging(dataset.Table(stagingName)));
        sql.Append("BEGIN TRANSACTION;\n\n");
        // This load records no fingerprints; it forgets the table's, so that deploy's next load (ForPartitions) stages
        // every partition once rather than trust a record this load may have made stale.
        var statements = table.LakePartition is null
            ? LoadSql.Statements(table, stagingName, stagingName)
            : [.. LoadSql.Statements(table, stagingName, stagingName), LoadPartitionsSql.Clear(table)];
        foreach (var statement in statements)
        {
            sql.Append(translator.Translate(statement)).Append(";\n\n");
        }

        sql.Append("COMMIT TRANSACTION;\n");
        return sql.ToString();
    }

    /// <summary>
    /// The script of a load that staged only <paramref name="staged"/> (partition value → the fingerprint of the files
    /// staged, null when the store gave none): the partitions <paramref name="lakePartitions"/> does not list lose their
    /// rows and their records (<see cref="LoadSql.Reconcile"/>, <see cref="LoadPartitionsSql.ForgetMissing"/>); the
    /// staged partitions are merged, the delete scoped to them (<see cref="LoadSql.DeleteMissingFrom"/>), so a staged
    /// file with no rows empties its partition; their fingerprints are recorded in the same transaction. With nothing
    /// staged only the reconcile runs. The two lists are temporary tables of the script, made before the transaction.
    /// With <paramref name="replaceRecords"/> (a target that held no rows, all of its partitions staged) every record of
    /// the table is forgotten (<see cref="LoadPartitionsSql.Clear"/>) before the staged fingerprints are recorded.
    /// <para>
    /// A staged partition given a bound in <paramref name="bounds"/> differs from what the target holds only in rows dated
    /// on or after it (<see cref="LoadSql.ChangeDateColumn"/>): its delete and MERGE read and touch only those rows, so
    /// BigQuery prunes the target's earlier time partitions. Bounded partitions go in batches by the time partition of
    /// their bound (<see cref="LoadSql.PeriodStart"/>), each bounded by its earliest, the others in one unbounded batch;
    /// each batch's statements read only its own partitions' staged rows and staged list, so a batch neither inserts nor
    /// deletes rows of another's partitions. Without bounds the script is the one statement pair over all of staging.
    /// </para>
    /// </summary>
    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    /// <param name="lakePartitions">Every partition the lake holds for the table.</param>
    /// <param name="bounds">Staged partitions known to differ from the target only from a date on (ignored with <paramref name="replaceRecords"/>).</param>
    /// <param name="boundedRecords">
    /// The records the bounds rest on (partition value → fingerprint read from <see cref="LoadPartitionsSql"/> before the
    /// script): the script's transaction first checks that the bounded partitions' records are still exactly these — a
    /// load in between (a DAG's, which forgets them) makes it fail and roll back rather than merge from a bound that no
    /// longer holds. Required with bounds.
    /// </param>
    public static string ForPartitions(TableSchema table, BigQueryDataset dataset, string run, IReadOnlyCollection<string> lakePartitions, IReadOnlyDictionary<string, string?> staged, bool replaceRecords = false, IReadOnlyDictionary<string, DateOnly>? bounds = null, IReadOnlyDictionary<string, string>? boundedRecords = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(lakePartitions);
        ArgumentNullException.ThrowIfNull(staged);
        var column = table.LakePartition
            ?? throw new ArgumentException($"Table '{table.Name}' has no lake partition; its load stages its one file whole (For).", nameof(table));
        var stagingName = BigQueryDataset.StagingTableOf(table.Name, run);
        var lakeList = "lake_partitions_" + table.Name;
        var stagedList = "staged_partitions_" + table.Name;
        var translator = new BigQuerySqlTranslator(dataset, [table.Name, stagingName, LoadPartitionsSql.TableName]);
        var sql = new StringBuilder();
        var counts = string.Create(CultureInfo.InvariantCulture, $"{staged.Count} changed partitions of the lake's {lakePartitions.Count}");
        sql.Append(staged.Count > 0
            ? $"-- Merges the {counts}, staged in {stagingName}, into {table.Name} by ({string.Join(", ", table.Key)})"
            : $"-- Deletes the partitions of {table.Name} the lake no longer has ({counts})");
        sql.Append(". Generated from schemas/ by StockLakehouse; do not edit.\n");
        var statements = new List<string> { LoadSql.Reconcile(table, lakeList), replaceRecords ? LoadPartitionsSql.Clear(table) : LoadPartitionsSql.ForgetMissing(table, lakeList) };
        var batchLists = new List<(string Name, string[] Partitions)>();
        if (staged.Count > 0)
        {
            sql.Append(ExpireStaging(dataset.Table(stagingName)));
            // The staged partitions also as constants on the target, so BigQuery prunes the clusters of every other
            // symbol: each staged file holds the rows of its own partition alone (LoadSql.MergeFrom).
            var changed = staged.Keys.ToArray();
            var batches = Batches(table, changed, replaceRecords ? null : bounds);
            if (batches.Count == 1 && batches[0].Since is null)
            {
                statements.Add(LoadSql.DeleteMissingFrom(table, DuckDbSql.Identifier(stagingName), DuckDbSql.Identifier(stagedList), changed));
                statements.Add(LoadSql.MergeFrom(table, DuckDbSql.Identifier(stagingName), changed));
            }
            else
            {
                // Each batch's partitions in a temporary table of their own, so no value is written out more than once
                // whatever the number of batches (the script must stay within BigQuery's 1,024 K characters).
                var lists = batches.Select((b, i) => $"{stagedList}_{i + 1}").ToArray();
                statements.Add(RequireRecords(table, [.. lists.Where((_, i) => batches[i].Since is not null)], batches.Where(b => b.Since is not null).SelectMany(b => b.Partitions), boundedRecords));
                foreach (var ((partitions, since), index) in batches.Select((b, i) => (b, i)))
                {
                    var list = lists[index];
                    batchLists.Add((list, partitions));
                    var rows = $"(SELECT * FROM {DuckDbSql.Identifier(stagingName)} WHERE {DuckDbSql.Identifier(column)} IN (SELECT {DuckDbSql.Identifier(column)} FROM {DuckDbSql.Identifier(list)}))";
                    statements.Add(LoadSql.DeleteMissingFrom(table, rows, DuckDbSql.Identifier(list), partitions, since));
                    statements.Add(LoadSql.MergeFrom(table, rows, partitions, since));
                }
            }
            if (!replaceRecords)
            {
                statements.Add(LoadPartitionsSql.Forget(table, staged.Keys.ToArray()));
            }

            var fingerprints = staged.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            if (fingerprints.Count > 0)
            {
                statements.Add(LoadPartitionsSql.Insert(table, fingerprints));
            }
        }

        sql.Append(PartitionList(lakeList, column, lakePartitions));
        if (staged.Count > 0)
        {
            sql.Append(PartitionList(stagedList, column, staged.Keys));
        }

        foreach (var (name, partitions) in batchLists)
        {
            sql.Append(PartitionList(name, column, partitions));
        }

        sql.Append("BEGIN TRANSACTION;\n\n");
        foreach (var statement in statements)
        {
            sql.Append(translator.Translate(statement)).Append(";\n\n");
        }

        sql.Append("COMMIT TRANSACTION;\n");
        return sql.ToString();
    }

    /// <summary>
    /// A statement that fails (<c>ERROR</c>, rolling the script's transaction back) unless the records of the partitions
    /// <paramref name="lists"/> name are still <paramref name="expected"/>'s: the SHA-256 of their values and fingerprints
    /// in order, compared with the one computed here, so the statement's length does not grow with the partitions.
    /// </summary>
    private static string RequireRecords(TableSchema table, IReadOnlyList<string> lists, IEnumerable<string> bounded, IReadOnlyDictionary<string, string>? expected)
    {
        var recorded = bounded.Order(StringComparer.Ordinal)
            .Select(p => p + ":" + (expected is not null && expected.TryGetValue(p, out var fingerprint)
                ? fingerprint
                : throw new ArgumentException($"The record of bounded partition '{p}' of table '{table.Name}' is not given.", nameof(expected))));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", recorded))));
        var partition = DuckDbSql.Identifier("partition_value");
        var column = DuckDbSql.Identifier(table.LakePartition!);
        var scope = string.Join(" UNION ALL ", lists.Select(l => $"SELECT {column} FROM {DuckDbSql.Identifier(l)}"));
        var message = $"The load records of {table.Name} changed since this load read them (another load ran meanwhile); nothing was merged. Run the load again.";
        return $"SELECT CASE WHEN (SELECT TO_HEX(SHA256(STRING_AGG(r.{partition} || ':' || r.{DuckDbSql.Identifier("fingerprint")}, ',' ORDER BY r.{partition})))\n"
            + $"  FROM {DuckDbSql.Identifier(LoadPartitionsSql.TableName)} AS r WHERE r.{DuckDbSql.Identifier("table_name")} = {DuckDbSql.Literal(table.Name)} AND r.{partition} IN ({scope}))\n"
            + $"  IS DISTINCT FROM {DuckDbSql.Literal(hash)} THEN ERROR({DuckDbSql.Literal(message)}) ELSE 0 END AS unchanged";
    }

    /// <summary>
    /// The bound of the merge batch each bounded partition of <paramref name="staged"/> goes in (the earliest bound of its
    /// time partition), as <see cref="ForPartitions"/> batches them; none with <paramref name="replaceRecords"/>. Every
    /// row the batch's statements read or delete of the partition is dated on or after it.
    /// </summary>
    internal static Dictionary<string, DateOnly> BatchBounds(TableSchema table, IReadOnlyCollection<string> staged, IReadOnlyDictionary<string, DateOnly>? bounds, bool replaceRecords) =>
        Batches(table, staged, replaceRecords ? null : bounds)
            .Where(b => b.Since is not null)
            .SelectMany(b => b.Partitions.Select(p => (Partition: p, Since: b.Since!.Value)))
            .ToDictionary(p => p.Partition, p => p.Since, StringComparer.Ordinal);

    /// <summary>
    /// The staged partitions in merge batches: the unbounded ones first (all of them when nothing is bounded), then the
    /// bounded ones by the time partition of their bound, each batch with its earliest bound; values in ordinal order.
    /// </summary>
    private static List<(string[] Partitions, DateOnly? Since)> Batches(TableSchema table, IReadOnlyCollection<string> staged, IReadOnlyDictionary<string, DateOnly>? bounds)
    {
        var bounded = bounds is null || LoadSql.ChangeDateColumn(table) is null ? [] : staged.Where(bounds.ContainsKey).ToArray();
        var batches = new List<(string[] Partitions, DateOnly? Since)>();
        var whole = staged.Except(bounded, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (whole.Length > 0)
        {
            batches.Add((whole, null));
        }

        batches.AddRange(bounded
            .GroupBy(p => LoadSql.PeriodStart(table, bounds![p]))
            .OrderBy(g => g.Key)
            .Select(g => (g.Order(StringComparer.Ordinal).ToArray(), (DateOnly?)g.Min(p => bounds![p]))));
        return batches;
    }

    /// <summary>A temporary table of the script with one row per partition value, in ordinal order.</summary>
    private static string PartitionList(string name, string column, IEnumerable<string> values) =>
        $"CREATE TEMP TABLE {BigQuerySql.Identifier(name)} AS\nSELECT {BigQuerySql.Identifier(column)} FROM UNNEST(ARRAY<STRING>[{string.Join(", ", values.Order(StringComparer.Ordinal).Select(BigQuerySql.Literal))}]) AS {BigQuerySql.Identifier(column)};\n\n";
}
