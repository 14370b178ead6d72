namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>How a column's values are written into the page's data: text, a day number, or a number rounded for display.</summary>
internal enum ValueFormat
{
    /// <summary>A string (NULL as null).</summary>
    Text,

    /// <summary>A DATE as the number of days since 1970-01-01 (five digits rather than a ten-character string).</summary>
    Day,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A number rounded to <see cref="Column.Digits"/> significant digits (prices, indicator levels).</summary>
    Significant,

    /// <summary>A number rounded to <see cref="Column.Digits"/> decimals (returns, ratios, RSI).</summary>
    Fixed,

    /// <summary>A number written as stored (figures a person compares with the warehouse, such as the latest close).</summary>
    Exact,
}
