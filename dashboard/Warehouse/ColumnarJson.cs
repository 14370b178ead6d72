using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// Writes query results into the page's data as columns (<c>{"close":[1.5,1.6],"volume":[10,12]}</c>) rather than
/// row objects, so a column's name appears once and not once per row: the embedded data is a fraction of the size.
/// </summary>
internal static class ColumnarJson
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>Every row of <paramref name="reader"/> as one object of columns; the reader's columns are <paramref name="columns"/>, in order.</summary>
    /// <returns>The values written, column by column.</returns>
    public static async Task<IReadOnlyList<IReadOnlyList<object?>>> WriteAsync(Utf8JsonWriter json, DbDataReader reader, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var values = NewBuffers(columns.Count);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Buffer(reader, columns, values, firstOrdinal: 0);
        }

        WriteColumns(json, columns, values);
        return values;
    }

    /// <summary>
    /// The rows of <paramref name="reader"/>, ordered by its first column (a text key), as one object per key:
    /// <c>{"AAPL":{"close":[…]},"MSFT":{…}}</c>; the columns after the key are <paramref name="columns"/>, in order.
    /// </summary>
    /// <returns>The keys written, in order.</returns>
    public static async Task<IReadOnlyList<string>> WriteGroupedAsync(Utf8JsonWriter json, DbDataReader reader, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var values = NewBuffers(columns.Count);
        json.WriteStartObject();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = reader.GetString(0);
            if (keys.Count == 0 || !string.Equals(keys[^1], key, StringComparison.Ordinal))
            {
                if (keys.Count > 0)
                {
                    FlushGroup(json, keys[^1], columns, values);
                }

                if (keys.Contains(key, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException($"The rows are not ordered by their key: '{key}' appears again after '{keys[^1]}'.");
                }

                keys.Add(key);
            }

            Buffer(reader, columns, values, firstOrdinal: 1);
        }

        if (keys.Count > 0)
        {
            FlushGroup(json, keys[^1], columns, values);
        }

        json.WriteEndObject();
        return keys;
    }

    private static List<object?>[] NewBuffers(int count) => Enumerable.Range(0, count).Select(_ => new List<object?>()).ToArray();

    private static void FlushGroup(Utf8JsonWriter json, string key, IReadOnlyList<Column> columns, List<object?>[] values)
    {
        json.WritePropertyName(key);
        WriteColumns(json, columns, values);
        foreach (var buffer in values)
        {
            buffer.Clear();
        }
    }

    private static void Buffer(DbDataReader reader, IReadOnlyList<Column> columns, List<object?>[] values, int firstOrdinal)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var ordinal = firstOrdinal + c;
            values[c].Add(reader.IsDBNull(ordinal) ? null : Read(reader, ordinal, columns[c]));
        }
    }

    private static object Read(DbDataReader reader, int ordinal, Column column) => column.Format switch
    {
        ValueFormat.Text => Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? string.Empty,
        ValueFormat.Day => (long)reader.GetFieldValue<DateOnly>(ordinal).DayNumber - Epoch.DayNumber,
        ValueFormat.Integer => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
        ValueFormat.Significant => DisplayRounding.Significant(Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture), column.Digits),
        ValueFormat.Fixed => DisplayRounding.Fixed(Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture), column.Digits),
        ValueFormat.Exact => Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Format, $"Column '{column.Name}' has an unknown format {column.Format}."),
    };

    private static void WriteColumns(Utf8JsonWriter json, IReadOnlyList<Column> columns, List<object?>[] values)
    {
        json.WriteStartObject();
        for (var c = 0; c < columns.Count; c++)
        {
            json.WriteStartArray(columns[c].Name);
            foreach (var value in values[c])
            {
                switch (value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case string text:
                        json.WriteStringValue(text);
                        break;
                    case long whole:
                        json.WriteNumberValue(whole);
                        break;
                    case double number when double.IsFinite(number):
                        json.WriteNumberValue(number);
                        break;
                    default:
                        json.WriteNullValue();
                        break;
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
