using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>The schemas/ and marts shipped next to the test assembly (the build copies the repository's).</summary>
internal static class Catalogs
{
    public static SchemaCatalog Schemas { get; } = SchemaCatalog.LoadDefault();

    public static MartCatalog Marts { get; } = MartCatalog.LoadDefault();

    public static TableSchema Table(string name) => Schemas[name];

    public static IReadOnlyList<TableSchema> Gold => Schemas.Tables.Where(t => t.Layer == "gold").ToArray();
}
