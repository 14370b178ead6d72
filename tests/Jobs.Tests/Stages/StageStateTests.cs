using System.Text.Json;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Silver's state is written with compile-time JSON metadata: the bytes must be those the reflection-based serializer
/// wrote before (states already in lakes are read back, and equal states give equal objects), and a state missing a
/// field or holding a NULL where none is allowed must still read as no state.
/// </summary>
public sealed class StageStateTests
{
    private static readonly JsonSerializerOptions Reflection = new() { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    private static SilverPartitionState Everything() =>
        new SilverPartitionState(
            "code é ✓",
            null,
            new RawObjectDigest(3, new DateOnly(2026, 1, 2), "ab12"),
            [
                new QuarantineRecord("daily_bar", "BRK.B", "raw/source=yahoo/x.json", 7, new DateOnly(2016, 8, 29), "null_price", "open is null \"quoted\"."),
                new QuarantineRecord("daily_bar", "BRK.B", "raw/source=yahoo/y.json", null, null, "unreadable", "<html>"),
            ])
        {
            Partition = new ObjectInfo("silver/daily_bar/symbol=BRK.B/part-0.parquet", 87_147, "modified:639321667207832465"),
            Tail = new ObjectInfo("silver/daily_bar/symbol=BRK.B/part-1.parquet", 4_210, "modified:639321667207832466"),
            TailFrom = new DateOnly(2025, 12, 24),
            MergedOnto = new SilverFiles(new ObjectInfo("silver/daily_bar/symbol=BRK.B/part-0.parquet", 87_084), new ObjectInfo("silver/daily_bar/symbol=BRK.B/part-1.parquet", 4_100)),
        };

    [Fact]
    public void ToObject_SilverState_WritesTheBytesOfTheReflectionSerializer()
    {
        var state = Everything();

        var written = StageState.ToObject("_state/silver/daily_bar/BRK.B.json", state);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(state, Reflection), written.Content);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(state with { MergedOnto = null }, Reflection), StageState.ToObject("k", state with { MergedOnto = null }).Content);
    }

    [Fact]
    public async Task ReadAsync_SilverState_ReadsWhatTheReflectionSerializerWrote_AndRejectsAMissingOrNullField()
    {
        using var folder = new TempFolder();
        var store = new LocalDirectoryObjectStore(folder.Path);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Everything(), Reflection);
        await store.PutAsync("whole.json", bytes, CancellationToken.None);
        await store.PutAsync("missing.json", "{\"Code\":\"c\",\"Currency\":null,\"Rejects\":[]}"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("null.json", "{\"Code\":null,\"Currency\":null,\"Objects\":{\"Count\":1,\"LastIngest\":\"2026-01-02\",\"Hash\":\"a\"},\"Rejects\":[]}"u8.ToArray(), CancellationToken.None);

        var read = await StageState.ReadAsync<SilverPartitionState>(store, "whole.json", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(bytes, JsonSerializer.SerializeToUtf8Bytes(read, Reflection));
        Assert.Null(await StageState.ReadAsync<SilverPartitionState>(store, "missing.json", CancellationToken.None));
        Assert.Null(await StageState.ReadAsync<SilverPartitionState>(store, "null.json", CancellationToken.None));
    }
}
