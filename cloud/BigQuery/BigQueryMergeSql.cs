using System.Text;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The BigQuery script that merges a table's staging copy into the target: the shared load statements of
/// <see cref="LoadSql"/> (the very statements the local warehouse runs), translated to GoogleSQL and wrapped in one
/// transaction. The load job stages every partition file of the table (<see cref="BigQueryLoadJob"/>), so the
/// staging table is also the list of partitions the lake holds, and the reconcile step deletes the symbols the lake
/// no longer has. The staging table is the run's own (<see cref="BigQueryDataset.StagingTableOf"/>); the script
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
        var translator = new BigQuerySqlTranslator(dataset, [table.Name, stagingName]);
        var sql = new StringBuilder();
        sql.Append("-- Merges ").Append(stagingName).Append(" into ").Append(table.Name)
            .Append(" by (").Append(string.Join(", ", table.Key)).Append("). Generated from schemas/ by StockLakehouse; do not edit.\n");
        sql.Append(ExpireStaging(dataset.Table(stagingName)));
        sql.Append("BEGIN TRANSACTION;\n\n");
        foreach (var statement in LoadSql.Statements(table, stagingName, stagingName))
        {
            sql.Append(translator.Translate(statement)).Append(";\n\n");
        }

        sql.Append("COMMIT TRANSACTION;\n");
        return sql.ToString();
    }
}
