using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// Orders tables so that every table comes after the tables its relationship checks refer to (dimensions
/// before facts), ties broken by name. Loading in this order means a fact's relationship checks never run
/// against a dimension that has not been loaded yet. Adapters do not call it themselves: they take
/// <see cref="WarehouseStage.Tables"/>, which applies it to the warehouse's tables.
/// </summary>
public static class TableLoadOrder
{
    public static IReadOnlyList<TableSchema> Of(IEnumerable<TableSchema> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<TableSchema>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var name in byName.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, byName, state, ordered, []);
        }

        return ordered;
    }

    private static void Visit(string name, Dictionary<string, TableSchema> tables, Dictionary<string, bool> state, List<TableSchema> ordered, List<string> path)
    {
        if (state.TryGetValue(name, out var done))
        {
            if (!done)
            {
                throw new InvalidDataException($"The relationship checks of schemas/ form a cycle: {string.Join(" -> ", path.Append(name))}.");
            }

            return;
        }

        state[name] = false;
        path.Add(name);
        var table = tables[name];
        var dependencies = table.Checks
            .Where(c => c.Kind == CheckKind.Relationship && c.References is not null)
            .Select(c => c.References!.Split('.')[0])
            .Where(t => t != name && tables.ContainsKey(t))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var dependency in dependencies)
        {
            Visit(dependency, tables, state, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        state[name] = true;
        ordered.Add(table);
    }
}
