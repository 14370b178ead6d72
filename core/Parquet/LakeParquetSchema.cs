using Parquet.Schema;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// How a schemas/ table is laid out in the lake's Parquet files: INT64, DOUBLE, BOOLEAN, INT32, UTF8 strings, DATE
/// (INT32 days) and TIMESTAMP (INT64 microseconds, adjusted to UTC); REQUIRED where schemas/ says REQUIRED,
/// OPTIONAL otherwise. BigQuery, Spark and DuckDB read each of these to the type schemas/ declares.
/// </summary>
internal static class LakeParquetSchema
{
    public static ParquetSchema Of(TableSchema table) => new(table.Fields.Select(FieldOf));

    /// <summary>The CLR type Parquet.Net reads and writes a column of <paramref name="type"/> as.</summary>
    public static Type ClrTypeOf(ColumnType type) => type switch
    {
        ColumnType.Boolean => typeof(bool),
        ColumnType.Int32 => typeof(int),
        ColumnType.Int64 => typeof(long),
        ColumnType.Double => typeof(double),
        ColumnType.Date => typeof(DateOnly),
        ColumnType.Timestamp => typeof(DateTime),
        ColumnType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "The column type has no Parquet layout."),
    };

    /// <summary>
    /// The file's data field for each of <paramref name="table"/>'s columns, in the schema's order. Columns are
    /// matched by name, so extra columns and another order are accepted; a missing column or one of another type is
    /// an error naming <paramref name="source"/>. An OPTIONAL column where schemas/ says REQUIRED is accepted (older
    /// lakes wrote every column OPTIONAL); the writer's check keeps NULLs out of REQUIRED columns.
    /// </summary>
    public static DataField[] Match(TableSchema table, ParquetSchema file, string source)
    {
        var byName = file.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var fields = new DataField[table.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var declared = table.Fields[i];
            if (!byName.TryGetValue(declared.Name, out var field))
            {
                throw new InvalidDataException(
                    $"The Parquet file {source} has no column '{declared.Name}', which schemas/ declares for table '{table.Name}'; it has {string.Join(", ", byName.Keys)}.");
            }

            var expected = ClrTypeOf(declared.ColumnType);
            var stored = field.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : field.ClrType;
            if (stored != expected || field.IsArray || field.MaxRepetitionLevel > 0)
            {
                throw new InvalidDataException(
                    $"Column '{declared.Name}' of the Parquet file {source} holds {(field.IsArray ? "lists of " : string.Empty)}{field.ClrType.Name}, but schemas/ declares {declared.BigQueryType} for table '{table.Name}'.");
            }

            fields[i] = field;
        }

        return fields;
    }

    private static DataField FieldOf(FieldSchema field) => field.ColumnType switch
    {
        ColumnType.Timestamp => new DateTimeDataField(field.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: !field.Required),
        var type => new DataField(field.Name, ClrTypeOf(type), isNullable: !field.Required),
    };
}
