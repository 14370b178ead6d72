using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Schemas;

/// <summary>
/// Everything the lakehouse knows about a table, read from <c>schemas/&lt;layer&gt;/&lt;table&gt;.schema.json</c>
/// (BigQuery's JSON schema format) and <c>&lt;table&gt;.table.json</c> (key, partitioning, checks).
/// </summary>
/// <param name="LakePartition">The Hive partition column of the table's lake layout, or null for a single-file table.</param>
public sealed record TableSchema(
    string Name,
    string Layer,
    string Description,
    IReadOnlyList<FieldSchema> Fields,
    IReadOnlyList<string> Key,
    string? LakePartition,
    Partitioning? Partitioning,
    IReadOnlyList<string> Clustering,
    IReadOnlyList<CheckDefinition> Checks)
{
    /// <summary>Lake prefix of the table, e.g. <c>gold/fact_stock_price</c>.</summary>
    public string LakePrefix => $"{Layer}/{Name}";

    public FieldSchema Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"Table '{Name}' has no column '{name}'.");

    /// <summary>
    /// Throws when <paramref name="batch"/> does not have exactly this table's columns, in order, with
    /// their types, and no NULL in a REQUIRED column: the guard that keeps code and schemas/ in step.
    /// </summary>
    public void Verify(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var problems = new List<string>();
        var actual = batch.Columns.Select(c => c.Name).ToArray();
        var expected = Fields.Select(f => f.Name).ToArray();
        if (!actual.SequenceEqual(expected))
        {
            problems.Add($"columns are [{string.Join(", ", actual)}] but schemas/ declares [{string.Join(", ", expected)}]");
        }
        else
        {
            for (var i = 0; i < Fields.Count; i++)
            {
                var field = Fields[i];
                var column = batch.Columns[i];
                if (column.Type != field.ColumnType)
                {
                    problems.Add($"column '{field.Name}' is {column.Type} but schemas/ declares {field.BigQueryType}");
                    continue;
                }

                if (field.Required && column.FirstNull() is var row and >= 0)
                {
                    problems.Add($"REQUIRED column '{field.Name}' is NULL at row {row}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SchemaMismatchException($"Data for table '{Name}' does not match its schema: {string.Join("; ", problems)}.");
        }
    }
}
