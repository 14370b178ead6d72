using System.Text;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The statement that merges a table's staging copy into the target by key, with the semantics of the local
/// warehouse's load (<c>DuckDbWarehouse.Load</c>): inside one transaction, rows of the loaded lake partitions
/// that staging no longer has are deleted (the whole table when it has no lake partition), rows whose values
/// changed are updated (<c>IS DISTINCT FROM</c>, so NULLs compare as values), and new keys are inserted.
/// Merging the same staging rows twice therefore changes nothing. The staging table is the run's own
/// (<see cref="BigQueryDataset.StagingTableOf"/>); the script first gives it an expiry of
/// <see cref="StagingRetentionDays"/> days, so that run tables do not pile up in the dataset while a retry of the MERGE
/// still finds its rows.
/// </summary>
/// <remarks>
/// The deletion is a DELETE before the MERGE rather than <c>WHEN NOT MATCHED BY SOURCE</c>, because its scope
/// ("partitions present in staging") needs a subquery; the transaction makes the pair atomic, exactly as the
/// local load's transaction does.
/// </remarks>
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
        var target = dataset.Table(table.Name);
        var stagingName = BigQueryDataset.StagingTableOf(table.Name, run);
        var staging = dataset.Table(stagingName);
        var keyMatch = string.Join(" AND ", table.Key.Select(k => $"t.{BigQuerySql.Identifier(k)} = s.{BigQuerySql.Identifier(k)}"));
        var values = table.Fields.Where(f => !table.Key.Contains(f.Name)).Select(f => BigQuerySql.Identifier(f.Name)).ToArray();
        var columns = table.Fields.Select(f => BigQuerySql.Identifier(f.Name)).ToArray();

        var sql = new StringBuilder();
        sql.Append("-- Merges ").Append(stagingName).Append(" into ").Append(table.Name)
            .Append(" by (").Append(string.Join(", ", table.Key)).Append("). Generated from schemas/ by StockLakehouse; do not edit.\n");
        sql.Append(ExpireStaging(staging));
        sql.Append("BEGIN TRANSACTION;\n\n");

        sql.Append("DELETE FROM ").Append(target).Append(" AS t\nWHERE ");
        if (table.LakePartition is { } partition)
        {
            var column = BigQuerySql.Identifier(partition);
            sql.Append("t.").Append(column).Append(" IN (SELECT DISTINCT ").Append(column).Append(" FROM ").Append(staging).Append(")\n  AND ");
        }

        sql.Append("NOT EXISTS (SELECT 1 FROM ").Append(staging).Append(" AS s WHERE ").Append(keyMatch).Append(");\n\n");

        sql.Append("MERGE INTO ").Append(target).Append(" AS t\n");
        sql.Append("USING ").Append(staging).Append(" AS s\n");
        sql.Append("ON ").Append(keyMatch).Append('\n');
        if (values.Length > 0)
        {
            sql.Append("WHEN MATCHED AND (\n    ")
                .Append(string.Join("\n    OR ", values.Select(v => $"t.{v} IS DISTINCT FROM s.{v}")))
                .Append(") THEN\n  UPDATE SET\n    ")
                .Append(string.Join(",\n    ", values.Select(v => $"{v} = s.{v}")))
                .Append('\n');
        }

        sql.Append("WHEN NOT MATCHED BY TARGET THEN\n  INSERT (").Append(string.Join(", ", columns)).Append(")\n  VALUES (")
            .Append(string.Join(", ", columns.Select(c => "s." + c))).Append(");\n\n");
        sql.Append("COMMIT TRANSACTION;\n");
        return sql.ToString();
    }
}
