namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>One column of a query written into the page: its name in the page's data, and how its values are written.</summary>
internal sealed record Column(string Name, ValueFormat Format, int Digits = 0)
{
    public static Column Text(string name) => new(name, ValueFormat.Text);

    public static Column Day(string name) => new(name, ValueFormat.Day);

    public static Column Integer(string name) => new(name, ValueFormat.Integer);

    public static Column Exact(string name) => new(name, ValueFormat.Exact);

    public static Column Significant(string name, int digits) => new(name, ValueFormat.Significant, digits);

    public static Column Fixed(string name, int decimals) => new(name, ValueFormat.Fixed, decimals);
}
