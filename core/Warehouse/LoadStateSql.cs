using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// The warehouse's record of its last load, one row in <see cref="TableName"/>: the stage writes it uncommitted
/// before the first table and marks it committed after the marts, last of all, so a load interrupted anywhere in
/// between leaves a record that says so and <c>check</c> refuses the warehouse. Shared SQL, as <see cref="LoadSql"/>.
/// </summary>
public static class LoadStateSql
{
    public const string TableName = "load_state";

    /// <summary>The table, declared like a schemas/ table so each engine creates it as it creates the others.</summary>
    public static TableSchema Table { get; } = new(
        TableName,
        "warehouse",
        "The last load of this warehouse: the run that wrote it and whether every table and the marts got in (written last).",
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

    /// <summary>The statements that record <paramref name="runId"/>'s load as started and not committed.</summary>
    public static IReadOnlyList<string> Begin(string runId) =>
    [
        $"DELETE FROM {DuckDbSql.Identifier(TableName)} WHERE TRUE",
        $"INSERT INTO {DuckDbSql.Identifier(TableName)} ({DuckDbSql.Identifier("run_id")}, {DuckDbSql.Identifier("committed")}, {DuckDbSql.Identifier("recorded_at")}) VALUES ({DuckDbSql.Literal(runId)}, FALSE, CURRENT_TIMESTAMP)",
    ];

    /// <summary>The statement that marks <paramref name="runId"/>'s load committed.</summary>
    public static string Commit(string runId) =>
        $"UPDATE {DuckDbSql.Identifier(TableName)} SET {DuckDbSql.Identifier("committed")} = TRUE, {DuckDbSql.Identifier("recorded_at")} = CURRENT_TIMESTAMP WHERE {DuckDbSql.Identifier("run_id")} = {DuckDbSql.Literal(runId)}";

    /// <summary>The query that reads the record: run_id and committed, at most one row.</summary>
    public static string Read { get; } =
        $"SELECT {DuckDbSql.Identifier("run_id")}, {DuckDbSql.Identifier("committed")} FROM {DuckDbSql.Identifier(TableName)} ORDER BY {DuckDbSql.Identifier("recorded_at")} DESC LIMIT 1";
}
