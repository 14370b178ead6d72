namespace StockLakehouse.Core.Schemas;

public enum CheckKind
{
    /// <summary>The listed columns are unique together.</summary>
    Unique,
    /// <summary>A boolean SQL expression that holds for every row.</summary>
    Expression,
    /// <summary>Every non-null value of a column exists in a column of another table.</summary>
    Relationship,
    /// <summary>The newest value of a date column is the last trading day on or before the run's end date.</summary>
    Freshness,
    /// <summary>The table has a row for exactly the keys of another table with the same key (fact/indicator parity).</summary>
    SameKeys,
}
