using System.Text.Json;
using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Schemas;

/// <summary>The marts declared in <c>schemas/marts/marts.json</c>: views in creation order and the symbols the correlation mart pairs.</summary>
public sealed class MartCatalog
{
    public const string FolderName = "marts";
    public const string CorrelationTable = "mart_correlation_symbol";

    private MartCatalog(IReadOnlyList<MartView> views, IReadOnlyList<Symbol> correlationSymbols)
    {
        Views = views;
        CorrelationSymbols = correlationSymbols;
    }

    public IReadOnlyList<MartView> Views { get; }

    public IReadOnlyList<Symbol> CorrelationSymbols { get; }

    public static MartCatalog LoadDefault() => Load(Path.Combine(CoreFiles.Folder, SchemaCatalog.DirectoryName, FolderName));

    public static MartCatalog Load(string folder)
    {
        var manifest = Path.Combine(folder, "marts.json");
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException($"The marts manifest '{manifest}' does not exist.", manifest);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        var root = document.RootElement;
        var views = new List<MartView>();
        foreach (var element in root.GetProperty("views").EnumerateArray())
        {
            var name = element.GetString() ?? throw new InvalidDataException($"'{manifest}' lists a view that is not a string.");
            var sqlPath = Path.Combine(folder, name + ".sql");
            if (!File.Exists(sqlPath))
            {
                throw new InvalidDataException($"'{manifest}' lists view '{name}' but '{sqlPath}' does not exist.");
            }

            views.Add(new MartView(name, File.ReadAllText(sqlPath).Trim().TrimEnd(';')));
        }

        var symbols = root.TryGetProperty("correlation_symbols", out var list)
            ? list.EnumerateArray().Select(s => Symbol.Parse(s.GetString() ?? string.Empty)).ToArray()
            : [];
        return new MartCatalog(views, symbols);
    }
}
