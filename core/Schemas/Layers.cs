namespace StockLakehouse.Core.Schemas;

/// <summary>The lake's layers as <c>schemas/</c> names them in each table's <c>layer</c> (<see cref="TableSchema.Layer"/>).</summary>
public static class Layers
{
    /// <summary>Validated, deduplicated tables built from the raw responses.</summary>
    public const string Silver = "silver";

    /// <summary>The star schema: the tables the warehouse loads and checks.</summary>
    public const string Gold = "gold";
}
