using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Tests.Artifacts;

public sealed class TableLoadOrderTests
{
    [Fact]
    public void Of_GoldTables_PutsEveryReferencedTableBeforeItsReferrer()
    {
        var order = TableLoadOrder.Of(Catalogs.Gold).Select(t => t.Name).ToList();

        foreach (var table in Catalogs.Gold)
        {
            foreach (var check in table.Checks.Where(c => c.Kind == CheckKind.Relationship))
            {
                var referenced = check.References!.Split('.')[0];
                Assert.True(order.IndexOf(referenced) < order.IndexOf(table.Name), $"{referenced} must load before {table.Name}: [{string.Join(", ", order)}]");
            }
        }
    }

    [Fact]
    public void Of_Cycle_ThrowsNamingIt()
    {
        var a = Catalogs.Table("dim_exchange") with { Name = "a", Checks = [Reference("b.exchange_key")] };
        var b = Catalogs.Table("dim_exchange") with { Name = "b", Checks = [Reference("a.exchange_key")] };

        var error = Assert.Throws<InvalidDataException>(() => TableLoadOrder.Of([a, b]));

        Assert.Contains("a -> b -> a", error.Message, StringComparison.Ordinal);
    }

    private static CheckDefinition Reference(string references) =>
        new("ref", CheckKind.Relationship, "d", [], null, "exchange_key", references, null);
}
