namespace StockLakehouse.Core.Schemas;

/// <summary>A data-quality check declared in a table's metadata file.</summary>
/// <param name="Columns">For <see cref="CheckKind.Unique"/>: the columns unique together.</param>
/// <param name="Expression">For <see cref="CheckKind.Expression"/>: a condition every row satisfies (SQL valid in DuckDB and BigQuery).</param>
/// <param name="Column">For relationships and freshness: the checked column.</param>
/// <param name="References">For relationships: <c>table.column</c> the column refers to; for <see cref="CheckKind.SameKeys"/>: the other table.</param>
/// <param name="Where">For relationships: an optional condition on the referenced table's rows.</param>
public sealed record CheckDefinition(
    string Name,
    CheckKind Kind,
    string Description,
    IReadOnlyList<string> Columns,
    string? Expression,
    string? Column,
    string? References,
    string? Where);
