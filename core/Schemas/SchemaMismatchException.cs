namespace StockLakehouse.Core.Schemas;

/// <summary>Data produced by the code disagrees with the table's declaration under schemas/.</summary>
public sealed class SchemaMismatchException : Exception
{
    public SchemaMismatchException(string message)
        : base(message)
    {
    }
}
