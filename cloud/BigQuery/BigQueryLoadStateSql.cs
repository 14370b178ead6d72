using System.Text;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The warehouse stage's load record (<see cref="LoadStateSql"/>) and marts check (<see cref="CheckSql.MartsExist"/>)
/// in GoogleSQL for one dataset, for the runs that cannot call the stage itself (the Composer DAGs, through the
/// generated artefacts) and for deploy's dry-run. The statements are the stage's own, translated, so a DAG run
/// records and refuses a load exactly as <c>lakehouse load</c> and <c>check</c> do.
/// </summary>
public static class BigQueryLoadStateSql
{
    /// <summary>
    /// The script run before the first load: the load record's table and the record of loaded partitions
    /// (<see cref="LoadPartitionsSql"/>, which each merge script forgets) when missing, then <see cref="LoadStateSql.Begin"/>
    /// (the record says <paramref name="runId"/> started and is not committed).
    /// </summary>
    public static string Begin(BigQueryDataset dataset, string runId)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return CreateTable(dataset, LoadStateSql.Table) + ";\n" + CreateTable(dataset, LoadPartitionsSql.Table) + ";\n" + Script(dataset, LoadStateSql.Begin(runId));
    }

    /// <summary>
    /// The script run after the marts, last of all: <see cref="LoadStateSql.Commit"/>, which ends the script with
    /// ERROR() when the record has no row for <paramref name="runId"/> to mark committed.
    /// </summary>
    public static string Commit(BigQueryDataset dataset, string runId)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Script(dataset, LoadStateSql.Commit(runId));
    }

    /// <summary>
    /// A query that returns 0 when the last load committed and otherwise fails with the sentence the warehouse stage
    /// uses (<see cref="UncommittedLoadException"/>'s: no load recorded, or the last load did not finish): BigQuery's ERROR() ends the query job with that
    /// message, so a check operator with pass value 0 refuses the warehouse saying why.
    /// </summary>
    public static string RequireCommitted(BigQueryDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var read = Translator(dataset).Translate(LoadStateSql.Read);
        var runId = "last_load." + BigQuerySql.Identifier("run_id");
        var committed = "last_load." + BigQuerySql.Identifier("committed");
        return "SELECT CASE\n"
            + $"  WHEN {runId} IS NULL THEN ERROR({BigQuerySql.Literal(UncommittedLoadException.NoLoadSentence)})\n"
            + $"  WHEN NOT {committed} THEN ERROR(CONCAT({BigQuerySql.Literal(UncommittedLoadException.NotFinishedBeforeRunId)}, {runId}, {BigQuerySql.Literal(UncommittedLoadException.NotFinishedAfterRunId)}))\n"
            + "  ELSE 0 END AS violations\n"
            + $"FROM (SELECT 1 AS probe) AS probe LEFT JOIN ({read}) AS last_load ON TRUE";
    }

    /// <summary>
    /// A query returning one row, <c>loaded</c>: 1 when the last load committed and its run id starts with
    /// <paramref name="runPrefix"/> (the run of one session), else 0 — what a sensor waits for.
    /// </summary>
    public static string CommittedFor(BigQueryDataset dataset, string runPrefix)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(runPrefix);
        var read = Translator(dataset).Translate(LoadStateSql.Read);
        return $"SELECT COUNT(*) AS loaded FROM ({read}) AS last_load "
            + $"WHERE last_load.{BigQuerySql.Identifier("committed")} AND STARTS_WITH(last_load.{BigQuerySql.Identifier("run_id")}, {BigQuerySql.Literal(runPrefix)})";
    }

    /// <summary>The warehouse stage's check that every mart exists (<see cref="CheckSql.MartsExist"/>), in GoogleSQL.</summary>
    public static BigQueryCheck MartsExist(MartCatalog marts, BigQueryDataset dataset, IEnumerable<string> relations)
    {
        ArgumentNullException.ThrowIfNull(marts);
        var check = CheckSql.MartsExist(marts);
        return new BigQueryCheck(check.Table, check.Name, check.Description, new BigQuerySqlTranslator(dataset, relations).Translate(check.Sql));
    }

    private static BigQuerySqlTranslator Translator(BigQueryDataset dataset) => new(dataset, [LoadStateSql.TableName]);

    /// <summary>Statements of the shared SQL translated, each ended with a semicolon on its own line.</summary>
    private static string Script(BigQueryDataset dataset, IEnumerable<string> statements)
    {
        var translator = Translator(dataset);
        var script = new StringBuilder();
        foreach (var statement in statements)
        {
            script.Append(translator.Translate(statement)).Append(";\n");
        }

        return script.ToString();
    }

    /// <summary>CREATE TABLE IF NOT EXISTS with the table's columns, types, modes and descriptions.</summary>
    private static string CreateTable(BigQueryDataset dataset, TableSchema table)
    {
        var columns = table.Fields.Select(f =>
            $"  {BigQuerySql.Identifier(f.Name)} {f.BigQueryType}{(f.Required ? " NOT NULL" : string.Empty)} OPTIONS (description = {BigQuerySql.Literal(f.Description)})");
        return $"CREATE TABLE IF NOT EXISTS {dataset.Table(table.Name)} (\n{string.Join(",\n", columns)}\n) OPTIONS (description = {BigQuerySql.Literal(table.Description)})";
    }
}
