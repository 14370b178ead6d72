using System.Text.Json;

namespace StockLakehouse.Core.Schemas;

/// <summary>
/// The tables declared under schemas/: the single source of truth read by the jobs, the warehouse,
/// the checks and (through the same files) Terraform and the DAGs.
/// </summary>
public sealed class SchemaCatalog
{
    public const string DirectoryName = "schemas";

    private readonly Dictionary<string, TableSchema> _tables;

    private SchemaCatalog(string directory, Dictionary<string, TableSchema> tables)
    {
        Directory = directory;
        _tables = tables;
    }

    public string Directory { get; }

    public IEnumerable<TableSchema> Tables => _tables.Values.OrderBy(t => t.Layer, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal);

    public TableSchema this[string table] =>
        _tables.TryGetValue(table, out var schema)
            ? schema
            : throw new KeyNotFoundException($"schemas/ declares no table '{table}'; it declares {string.Join(", ", _tables.Keys.Order())}.");

    /// <summary>The schemas/ folder shipped next to the running assembly (the build copies it there).</summary>
    public static SchemaCatalog LoadDefault() => Load(Path.Combine(CoreFiles.Folder, DirectoryName));

    public static SchemaCatalog Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The schemas folder '{directory}' does not exist.");
        }

        var tables = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (var metaPath in System.IO.Directory.EnumerateFiles(directory, "*.table.json", SearchOption.AllDirectories))
        {
            var schemaPath = metaPath[..^".table.json".Length] + ".schema.json";
            var table = ReadTable(metaPath, schemaPath);
            if (!tables.TryAdd(table.Name, table))
            {
                throw new InvalidDataException($"Table '{table.Name}' is declared twice under '{directory}'.");
            }
        }

        if (tables.Count == 0)
        {
            throw new InvalidDataException($"The schemas folder '{directory}' declares no table (no *.table.json file).");
        }

        return new SchemaCatalog(directory, tables);
    }

    private static TableSchema ReadTable(string metaPath, string schemaPath)
    {
        if (!File.Exists(schemaPath))
        {
            throw new InvalidDataException($"'{metaPath}' has no schema file beside it: expected '{schemaPath}'.");
        }

        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(metaPath));
            using var schema = JsonDocument.Parse(File.ReadAllBytes(schemaPath));
            var root = meta.RootElement;
            var name = RequiredString(root, "table");
            var expectedFile = Path.GetFileName(metaPath);
            if (expectedFile != name + ".table.json")
            {
                throw new InvalidDataException($"declares table '{name}' but is named '{expectedFile}'");
            }

            var fields = schema.RootElement.EnumerateArray()
                .Select(f => new FieldSchema(
                    RequiredString(f, "name"),
                    RequiredString(f, "type"),
                    OptionalString(f, "mode") == "REQUIRED",
                    OptionalString(f, "description") ?? string.Empty))
                .ToArray();
            foreach (var field in fields)
            {
                _ = field.ColumnType;
            }

            var key = Strings(root, "key");
            var partitioning = root.TryGetProperty("partitioning", out var p) && p.ValueKind == JsonValueKind.Object
                ? new Partitioning(RequiredString(p, "field"), RequiredString(p, "type"))
                : null;
            var table = new TableSchema(
                name,
                RequiredString(root, "layer"),
                OptionalString(root, "description") ?? string.Empty,
                fields,
                key,
                OptionalString(root, "lake_partition"),
                partitioning,
                Strings(root, "clustering"),
                root.TryGetProperty("checks", out var checks) ? checks.EnumerateArray().Select(ReadCheck).ToArray() : []);
            Validate(table);
            return table;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or NotSupportedException or InvalidOperationException)
        {
            throw new InvalidDataException($"Cannot read table declaration '{metaPath}': {e.Message}", e);
        }
    }

    private static void Validate(TableSchema table)
    {
        var names = table.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var referenced = table.Key
            .Concat(table.Clustering)
            .Concat(table.LakePartition is null ? [] : [table.LakePartition])
            .Concat(table.Partitioning is null ? [] : [table.Partitioning.Field])
            .Concat(table.Checks.SelectMany(c => c.Columns))
            .Concat(table.Checks.Select(c => c.Column).OfType<string>());
        foreach (var column in referenced)
        {
            if (!names.Contains(column))
            {
                throw new InvalidDataException($"table '{table.Name}' refers to column '{column}', which its schema does not declare");
            }
        }

        if (table.Key.Count == 0)
        {
            throw new InvalidDataException($"table '{table.Name}' declares no key");
        }
    }

    private static CheckDefinition ReadCheck(JsonElement e)
    {
        var kindText = RequiredString(e, "kind");
        var kind = kindText switch
        {
            "unique" => CheckKind.Unique,
            "expression" => CheckKind.Expression,
            "relationship" => CheckKind.Relationship,
            "freshness" => CheckKind.Freshness,
            "same_keys" => CheckKind.SameKeys,
            _ => throw new InvalidDataException($"check kind '{kindText}' is not one of unique, expression, relationship, freshness, same_keys"),
        };
        var check = new CheckDefinition(
            RequiredString(e, "name"),
            kind,
            OptionalString(e, "description") ?? string.Empty,
            Strings(e, "columns"),
            OptionalString(e, "expression"),
            OptionalString(e, "column"),
            OptionalString(e, "references"),
            OptionalString(e, "where"));
        var complete = kind switch
        {
            CheckKind.Unique => check.Columns.Count > 0,
            CheckKind.Expression => check.Expression is not null,
            CheckKind.Relationship => check.Column is not null && check.References?.Split('.').Length == 2,
            CheckKind.Freshness => check.Column is not null,
            CheckKind.SameKeys => check.References is { Length: > 0 } r && !r.Contains('.', StringComparison.Ordinal),
            _ => false,
        };
        return complete ? check : throw new InvalidDataException($"check '{check.Name}' of kind {kindText} lacks a required field");
    }

    private static string RequiredString(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InvalidDataException($"property '{property}' is missing or not a string");

    private static string? OptionalString(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string[] Strings(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? throw new InvalidDataException($"'{property}' holds a non-string")).ToArray()
            : [];
}
