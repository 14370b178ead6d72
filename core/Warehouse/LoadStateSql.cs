using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// The warehouse's record of its loads, a row per run in <see cref="TableName"/>: the stage writes the run's row
/// uncommitted before the first table and marks it committed after the marts, last of all, so a load interrupted
/// anywhere in between leaves a record that says so and <c>check</c> refuses the warehouse. The newest row (by
/// recorded_at, which the commit renews) is the last load. Shared SQL, as <see cref="LoadSql"/>.
/// </summary>
public static class LoadStateSql
{
    public const string TableName = "load_state";

    /// <summary>The table, declared like a schemas/ table so each engine creates it as it creates the others.</summary>
    public static TableSchema Table { get; } = new(
        TableName,
        "warehouse",
        "The loads of this warehouse, a row per run: whether every table and the marts got in (written last); the newest row by recorded_at is the last load.",
        [
            new FieldSchema("run_id", "STRING", true, "The run id of the load."),
            new FieldSchema("committed", "BOOL", true, "True once every table and the marts were loaded; false while the load runs or when it stopped part-way."),
            new FieldSchema("recorded_at", "TIMESTAMP", true, "When the record was written (UTC)."),
        ],
        ["run_id"],
        null,
        null,
        [],
        []);

    /// <summary>
    /// The statements that record <paramref name="runId"/>'s load as started and not committed. Only the run's own
    /// earlier row is replaced: two runs whose loads interleave each keep their row, so neither erases the other's.
    /// </summary>
    public static IReadOnlyList<string> Begin(string runId) =>
    [
        $"DELETE FROM {DuckDbSql.Identifier(TableName)} WHERE {DuckDbSql.Identifier("run_id")} = {DuckDbSql.Literal(runId)}",
        $"INSERT INTO {DuckDbSql.Identifier(TableName)} ({DuckDbSql.Identifier("run_id")}, {DuckDbSql.Identifier("committed")}, {DuckDbSql.Identifier("recorded_at")}) VALUES ({DuckDbSql.Literal(runId)}, FALSE, CURRENT_TIMESTAMP)",
    ];

    /// <summary>
    /// The statements that mark <paramref name="runId"/>'s load committed, then fail (ERROR(), the same function in
    /// DuckDB and BigQuery) unless the run's row now says so: an UPDATE that matched no row, because the row was
    /// removed while the load ran, must not pass for a committed load.
    /// </summary>
    public static IReadOnlyList<string> Commit(string runId) =>
    [
        $"UPDATE {DuckDbSql.Identifier(TableName)} SET {DuckDbSql.Identifier("committed")} = TRUE, {DuckDbSql.Identifier("recorded_at")} = CURRENT_TIMESTAMP WHERE {DuckDbSql.Identifier("run_id")} = {DuckDbSql.Literal(runId)}",
        $"SELECT CASE WHEN COUNT(*) = 0 THEN ERROR({DuckDbSql.Literal(MissingRecord(runId))}) ELSE 0 END AS {DuckDbSql.Identifier("committed_rows")} FROM {DuckDbSql.Identifier(TableName)} WHERE {DuckDbSql.Identifier("run_id")} = {DuckDbSql.Literal(runId)} AND {DuckDbSql.Identifier("committed")}",
    ];

    /// <summary>The sentence the commit fails with when the load record has no row for <paramref name="runId"/>.</summary>
    public static string MissingRecord(string runId) =>
        $"The load record {TableName} has no row for run {runId} to mark committed (it was removed while the load ran), so the load is not recorded as committed; run the load again.";

    /// <summary>The query that reads the last load (the newest row): run_id and committed, at most one row.</summary>
    public static string Read { get; } =
        $"SELECT {DuckDbSql.Identifier("run_id")}, {DuckDbSql.Identifier("committed")} FROM {DuckDbSql.Identifier(TableName)} ORDER BY {DuckDbSql.Identifier("recorded_at")} DESC LIMIT 1";
}
