namespace StockLakehouse.Core.Tables;

/// <summary>A set of equally long named columns: the unit of transfer between jobs and engines.</summary>
public sealed class RecordBatch
{
    private readonly Dictionary<string, Column> _byName;

    public RecordBatch(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A record batch needs at least one column.", nameof(columns));
        }

        var rows = columns[0].Length;
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != rows)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows but '{columns[0].Name}' has {rows}.",
                    nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }

        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    public Column this[string name] =>
        _byName.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"The batch has no column '{name}'; it has {string.Join(", ", _byName.Keys)}.");

    public T Get<T>(string name)
        where T : Column =>
        this[name] as T
        ?? throw new InvalidCastException($"Column '{name}' is {this[name].Type}, not {typeof(T).Name}.");
}
