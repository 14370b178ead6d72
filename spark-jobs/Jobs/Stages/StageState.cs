using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What a stage remembers about a symbol's partition between runs, at <c>_state/&lt;layer&gt;/&lt;table&gt;/&lt;symbol&gt;.json</c>:
/// written after the partition is published, so a run stopped in between leaves the older state, which no longer
/// describes the partition's inputs, and the next run recomputes rather than skips.
/// </summary>
public static class StageState
{
    public const string Root = "_state";

    // A state missing a field, or with null where the record allows none, reads as no state at all. Silver's state has
    // compile-time metadata (SilverStateJson); the others are inspected by reflection.
    private static readonly JsonSerializerOptions Options = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(SilverStateJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The state key of <paramref name="symbol"/>'s partition of <paramref name="table"/>.</summary>
    public static string Key(TableSchema table, Symbol symbol)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{Root}/{table.Layer}/{table.Name}/{ObjectKey.EscapeSegmentValue(symbol.Value)}.json";
    }

    /// <summary>The state at <paramref name="key"/>, or null when there is none or it cannot be read (the partition is then recomputed).</summary>
    public static async Task<T?> ReadAsync<T>(IObjectStore store, string key, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Task WriteAsync<T>(IObjectStore store, string key, T state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var written = ToObject(key, state);
        return store.PutAsync(written.Key, written.Content, cancellationToken);
    }

    /// <summary>The state as the object to write at <paramref name="key"/>, for a write that publishes it together with its partitions (<see cref="PartitionStore"/>).</summary>
    public static NewObject ToObject<T>(string key, T state) => new(key, JsonSerializer.SerializeToUtf8Bytes(state, Options));
}
