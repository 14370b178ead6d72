namespace StockLakehouse.Core.Tables;

/// <summary>Strings; a null element is a NULL value.</summary>
public sealed class StringColumn : Column
{
    public StringColumn(string name, string?[] values)
        : base(name, ColumnType.String, values.Length)
    {
        Values = values;
    }

    public string?[] Values { get; }

    public override bool IsNull(int row) => Values[row] is null;

    public override int FirstNull() => Array.IndexOf(Values, null);

    public override object? GetValue(int row) => Values[row];
}
