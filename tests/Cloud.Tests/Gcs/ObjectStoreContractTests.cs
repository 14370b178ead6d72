using System.Text;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// What every <see cref="IObjectStore"/> promises, run against each implementation: the local directory, GCS
/// on the firebase-tools emulator and GCS on the request-level fake. Each test gets a fresh, empty store.
/// </summary>
public abstract class ObjectStoreContractTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IObjectStore Store { get; }

    /// <summary>A size above the store's single-request limit, so large writes take the resumable path where there is one.</summary>
    protected virtual int LargeObjectSize => 600 * 1024;

    [Fact]
    public async Task CreateAsync_NewKey_ReturnsTrueAndStoresTheBytes()
    {
        Assert.True(await Store.CreateAsync("raw/a.json", Bytes("first"), None));

        Assert.Equal("first", Text(await Store.ReadAsync("raw/a.json", None)));
    }

    [Fact]
    public virtual async Task CreateAsync_ExistingKey_ReturnsFalseAndNeverOverwrites()
    {
        Assert.True(await Store.CreateAsync("raw/a.json", Bytes("first"), None));

        Assert.False(await Store.CreateAsync("raw/a.json", Bytes("second, longer"), None));
        Assert.Equal("first", Text(await Store.ReadAsync("raw/a.json", None)));
    }

    [Fact]
    public virtual async Task CreateAsync_ConcurrentWritersOfOneKey_ExactlyOneWinsAndItsBytesStand()
    {
        // Raw landing's guarantee: of writers racing on one key, one creates it and every other sees it exists.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.CreateAsync("raw/race.json", Bytes($"writer {i}"), None))));

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
        Assert.Equal($"writer {winner}", Text(await Store.ReadAsync("raw/race.json", None)));
    }

    [Fact]
    public async Task CreateInOrderAsync_NoneExist_CreatesEveryObject()
    {
        var created = await Store.CreateInOrderAsync([New("_state/m.json", "marker"), New("raw/b.json", "body"), New("raw/b.meta.json", "metadata")], None);

        Assert.Equal(3, created);
        Assert.Equal("marker", Text(await Store.ReadAsync("_state/m.json", None)));
        Assert.Equal("body", Text(await Store.ReadAsync("raw/b.json", None)));
        Assert.Equal("metadata", Text(await Store.ReadAsync("raw/b.meta.json", None)));
    }

    [Fact]
    public virtual async Task CreateInOrderAsync_AKeyExists_CreatesOnlyTheObjectsBeforeItAndOverwritesNothing()
    {
        Assert.True(await Store.CreateAsync("raw/b.json", Bytes("theirs"), None));

        var created = await Store.CreateInOrderAsync([New("_state/m.json", "marker"), New("raw/b.json", "mine"), New("raw/b.meta.json", "metadata")], None);

        Assert.Equal(1, created);
        Assert.Equal("marker", Text(await Store.ReadAsync("_state/m.json", None)));
        Assert.Equal("theirs", Text(await Store.ReadAsync("raw/b.json", None)));
        Assert.False(await Store.ExistsAsync("raw/b.meta.json", None));
    }

    [Fact]
    public virtual async Task CreateInOrderAsync_ConcurrentWritersOfTheSameKeys_OneCreatesThemAllAndNoOtherAny()
    {
        // Raw landing's guarantee for a marker, a body and its metadata: whoever creates the first creates them all.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.CreateInOrderAsync(
            [New("_state/race.json", $"marker {i}"), New("raw/race.json", $"body {i}"), New("raw/race.meta.json", $"metadata {i}")], None))));

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i] == 3);
        Assert.All(Enumerable.Range(0, 8).Where(i => i != winner), i => Assert.Equal(0, results[i]));
        Assert.Equal($"body {winner}", Text(await Store.ReadAsync("raw/race.json", None)));
        Assert.Equal($"metadata {winner}", Text(await Store.ReadAsync("raw/race.meta.json", None)));
    }

    [Fact]
    public async Task CreateAsync_EmptyContent_StoresAnEmptyObject()
    {
        Assert.True(await Store.CreateAsync("raw/empty.json", ReadOnlyMemory<byte>.Empty, None));

        var read = await Store.ReadAsync("raw/empty.json", None);
        Assert.NotNull(read);
        Assert.Empty(read);
        Assert.True(await Store.ExistsAsync("raw/empty.json", None));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheObjectAndAMissingOneIsNoError()
    {
        await Store.PutAsync("_changes/gold/t/run_id=1/part-0.parquet", Bytes("rows"), None);
        await Store.PutAsync("_changes/gold/t/run_id=2/part-0.parquet", Bytes("other rows"), None);

        await Store.DeleteAsync("_changes/gold/t/run_id=1/part-0.parquet", None);
        await Store.DeleteAsync("_changes/gold/t/run_id=9/part-0.parquet", None);

        Assert.False(await Store.ExistsAsync("_changes/gold/t/run_id=1/part-0.parquet", None));
        Assert.Equal("other rows", Text(await Store.ReadAsync("_changes/gold/t/run_id=2/part-0.parquet", None)));
        var listed = new List<string>();
        await foreach (var info in Store.ListAsync("_changes/", None))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(["_changes/gold/t/run_id=2/part-0.parquet"], listed);
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesTheBytes()
    {
        await Store.PutAsync("gold/t/part-0.parquet", Bytes("old, longer content"), None);

        await Store.PutAsync("gold/t/part-0.parquet", Bytes("new"), None);

        Assert.Equal("new", Text(await Store.ReadAsync("gold/t/part-0.parquet", None)));
    }

    [Fact]
    public async Task PutAsync_LargeContent_RoundTrips()
    {
        var content = Pattern(LargeObjectSize, seed: 7);

        await Store.PutAsync("gold/big/part-0.parquet", content, None);

        Assert.Equal(content, await Store.ReadAsync("gold/big/part-0.parquet", None));
    }

    [Fact]
    public async Task ReadAsync_MissingKey_ReturnsNull()
    {
        await Store.PutAsync("raw/present.json", Bytes("x"), None);

        Assert.Null(await Store.ReadAsync("raw/absent.json", None));
        Assert.Null(await Store.ReadAsync("elsewhere/absent.json", None));
    }

    [Fact]
    public async Task ReadVersionedAsync_MissingKey_ReturnsNull() =>
        Assert.Null(await Store.ReadVersionedAsync("_state/watermarks/absent.json", None));

    [Fact]
    public async Task ReadVersionedAsync_VersionChangesWhenTheObjectIsReplaced()
    {
        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-02"), None);
        var first = await Store.ReadVersionedAsync("_state/watermarks/a.json", None);

        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-03"), None);
        var second = await Store.ReadVersionedAsync("_state/watermarks/a.json", None);

        Assert.Equal("2025-01-02", Text(first!.Content));
        Assert.Equal("2025-01-03", Text(second!.Content));
        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public async Task ReplaceAsync_AtTheVersionRead_ReplacesTheBytes()
    {
        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-02"), None);
        var read = await Store.ReadVersionedAsync("_state/watermarks/a.json", None);

        Assert.True(await Store.ReplaceAsync("_state/watermarks/a.json", Bytes("2025-01-03"), read!.Version, None));

        Assert.Equal("2025-01-03", Text(await Store.ReadAsync("_state/watermarks/a.json", None)));
    }

    [Fact]
    public virtual async Task ReplaceAsync_AfterAnotherWriterReplacedIt_ReturnsFalseAndKeepsTheirBytes()
    {
        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-02"), None);
        var read = await Store.ReadVersionedAsync("_state/watermarks/a.json", None);
        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-09, theirs"), None);

        Assert.False(await Store.ReplaceAsync("_state/watermarks/a.json", Bytes("2025-01-03, stale"), read!.Version, None));

        Assert.Equal("2025-01-09, theirs", Text(await Store.ReadAsync("_state/watermarks/a.json", None)));
    }

    [Fact]
    public virtual async Task ReplaceAsync_MissingKey_ReturnsFalseAndWritesNothing()
    {
        // A version this store really hands out, read from another key with the same bytes.
        await Store.PutAsync("_state/watermarks/other.json", Bytes("2025-01-02"), None);
        var read = await Store.ReadVersionedAsync("_state/watermarks/other.json", None);

        Assert.False(await Store.ReplaceAsync("_state/watermarks/absent.json", Bytes("2025-01-02"), read!.Version, None));

        Assert.False(await Store.ExistsAsync("_state/watermarks/absent.json", None));
    }

    [Fact]
    public virtual async Task ReplaceAsync_TwoWritersFromOneRead_OnlyTheFirstWins()
    {
        await Store.PutAsync("_state/watermarks/a.json", Bytes("2025-01-02"), None);
        var read = await Store.ReadVersionedAsync("_state/watermarks/a.json", None);

        Assert.True(await Store.ReplaceAsync("_state/watermarks/a.json", Bytes("2025-01-09"), read!.Version, None));
        Assert.False(await Store.ReplaceAsync("_state/watermarks/a.json", Bytes("2025-01-03"), read.Version, None));

        Assert.Equal("2025-01-09", Text(await Store.ReadAsync("_state/watermarks/a.json", None)));
    }

    [Fact]
    public async Task ExistsAsync_TellsPresentFromAbsent()
    {
        await Store.PutAsync("raw/present.json", Bytes("x"), None);

        Assert.True(await Store.ExistsAsync("raw/present.json", None));
        Assert.False(await Store.ExistsAsync("raw/absent.json", None));
        Assert.False(await Store.ExistsAsync("raw/present.json.meta.json", None));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyKeysUnderItInOrdinalOrderWithSizes()
    {
        // Ordinal order puts upper case before '_' before lower case, unlike any culture's order.
        string[] keys = ["raw/b.json", "raw/B.json", "raw/_c.json", "raw/a/z.json", "raw/a-b.json", "raw/a.b.json", "raw/A.json", "raw/a=1/x.json"];
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Bytes(key), None);
        }

        await Store.PutAsync("rawx/not-under-raw-slash.json", Bytes("x"), None);
        await Store.PutAsync("silver/t/part-0.parquet", Bytes("x"), None);

        var listed = await ListAsync("raw/");

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(o => o.Key));
        Assert.All(listed, o => Assert.Equal(Encoding.UTF8.GetByteCount(o.Key), o.Length));
    }

    [Fact]
    public async Task ListAsync_ManyObjects_ReturnsEveryOneAcrossPages()
    {
        var keys = Enumerable.Range(0, 23).Select(i => $"raw/source=sim/k{i:D3}.json").ToList();
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Bytes("v"), None);
        }

        Assert.Equal(keys, (await ListAsync("raw/")).Select(o => o.Key));
    }

    [Fact]
    public async Task ListAsync_PartialSegmentPrefix_MatchesByCharacters()
    {
        await Store.PutAsync("raw/source=yahoo/a.json", Bytes("1"), None);
        await Store.PutAsync("raw/source=yahoo2/b.json", Bytes("2"), None);
        await Store.PutAsync("raw/source=sim/c.json", Bytes("3"), None);

        var listed = await ListAsync("raw/source=yahoo");

        Assert.Equal(["raw/source=yahoo/a.json", "raw/source=yahoo2/b.json"], listed.Select(o => o.Key));
    }

    [Fact]
    public async Task ListAsync_UnknownPrefix_IsEmpty()
    {
        await Store.PutAsync("raw/a.json", Bytes("x"), None);

        Assert.Empty(await ListAsync("nothing/here/"));
    }

    [Fact]
    public async Task ListFolderPrefixesAsync_GivesEachFolderDirectlyUnderThePrefixOnceInOrdinalOrder()
    {
        // Seven folders (more than a page of the buckets' tests), one holding a nested folder and two objects; an object
        // directly under the prefix and a sibling prefix sharing its characters are not folders of it.
        string[] folders = [.. Enumerable.Range(1, 7).Select(d => $"raw/d/ingest_date=2025-01-{d:D2}/")];
        foreach (var folder in folders)
        {
            await Store.PutAsync(folder + "AAPL.json", Bytes("a"), None);
        }

        await Store.PutAsync(folders[2] + "MSFT.json", Bytes("m"), None);
        await Store.PutAsync(folders[2] + "nested/x.json", Bytes("x"), None);
        await Store.PutAsync("raw/d/top.json", Bytes("t"), None);
        await Store.PutAsync("raw/dx/ingest_date=2025-01-01/AAPL.json", Bytes("s"), None);

        var listed = await Store.ListFolderPrefixesAsync("raw/d/", None);

        Assert.Equal(folders, listed);
        Assert.Equal(["raw/d/", "raw/dx/"], await Store.ListFolderPrefixesAsync("raw/", None));
        Assert.Empty((await Store.ListFolderPrefixesAsync("nothing/here/", None))!);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListFolderPrefixesAsync("raw/d", None));
    }

    [Fact]
    public async Task StagingPathThenPublishFileAsync_ReplacesTheObjectAndConsumesTheStagedFile()
    {
        await Store.PutAsync("silver/daily_bar/symbol=AAPL/part-0.parquet", Bytes("old"), None);
        var staged = Store.StagingPath("silver/daily_bar/symbol=AAPL/part-0.parquet");
        await File.WriteAllTextAsync(staged, "new partition");

        await Store.PublishFileAsync("silver/daily_bar/symbol=AAPL/part-0.parquet", staged, None);

        Assert.Equal("new partition", Text(await Store.ReadAsync("silver/daily_bar/symbol=AAPL/part-0.parquet", None)));
        Assert.False(File.Exists(staged));
    }

    [Fact]
    public async Task PublishFileAsync_LargeFile_RoundTrips()
    {
        var content = Pattern(LargeObjectSize + 12_345, seed: 11);
        var staged = Store.StagingPath("gold/fact_stock_price/symbol=MSFT/part-0.parquet");
        await File.WriteAllBytesAsync(staged, content);

        await Store.PublishFileAsync("gold/fact_stock_price/symbol=MSFT/part-0.parquet", staged, None);

        Assert.Equal(content, await Store.ReadAsync("gold/fact_stock_price/symbol=MSFT/part-0.parquet", None));
        Assert.False(File.Exists(staged));
    }

    [Fact]
    public async Task PublishFilesThenPutAsync_PublishesTheFilesThenWritesWhatThenMakesOfTheirListings()
    {
        await Store.PutAsync("gold/f/symbol=AAPL/part-0.parquet", Bytes("old facts"), None);
        var facts = Store.StagingPath("gold/f/symbol=AAPL/part-0.parquet");
        var indicators = Store.StagingPath("gold/i/symbol=AAPL/part-0.parquet");
        await File.WriteAllTextAsync(facts, "new facts");
        await File.WriteAllTextAsync(indicators, "indicators, longer");
        IReadOnlyList<ObjectInfo>? seen = null;

        var published = await Store.PublishFilesThenPutAsync(
            [new("gold/f/symbol=AAPL/part-0.parquet", facts), new("gold/i/symbol=AAPL/part-0.parquet", indicators)],
            listed =>
            {
                seen = listed;
                return [New("_state/gold/AAPL.json", string.Join(";", listed.Select(o => $"{o.Key} {o.Length} {o.Fingerprint}")))];
            },
            None);

        Assert.Same(seen, published);
        Assert.Equal(["gold/f/symbol=AAPL/part-0.parquet", "gold/i/symbol=AAPL/part-0.parquet"], published.Select(o => o.Key));
        // What the write says it published is what the store lists: a stage's state compares the two.
        var listed = await ListAsync("gold/");
        Assert.Equal(listed, published);
        Assert.Equal([9L, 18L], published.Select(o => o.Length));
        Assert.Equal("new facts", Text(await Store.ReadAsync("gold/f/symbol=AAPL/part-0.parquet", None)));
        Assert.Equal(
            string.Join(";", listed.Select(o => $"{o.Key} {o.Length} {o.Fingerprint}")),
            Text(await Store.ReadAsync("_state/gold/AAPL.json", None)));
        Assert.False(File.Exists(facts));
        Assert.False(File.Exists(indicators));
    }

    [Fact]
    public async Task PublishFilesThenPutAsync_AStagedFileIsMissing_ThrowsAndWritesNoObject()
    {
        var present = Store.StagingPath("gold/f/symbol=AAPL/part-0.parquet");
        await File.WriteAllTextAsync(present, "facts");
        var missing = Store.StagingPath("gold/i/symbol=AAPL/part-0.parquet");
        var called = false;

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.PublishFilesThenPutAsync(
            [new("gold/f/symbol=AAPL/part-0.parquet", present), new("gold/i/symbol=AAPL/part-0.parquet", missing)],
            _ =>
            {
                called = true;
                return [New("_state/gold/AAPL.json", "state")];
            },
            None));

        Assert.False(called);
        Assert.False(await Store.ExistsAsync("_state/gold/AAPL.json", None));
        Assert.False(await Store.ExistsAsync("gold/i/symbol=AAPL/part-0.parquet", None));
        File.Delete(present);
    }

    [Fact]
    public async Task StagedFiles_AreNeverListed()
    {
        await Store.PutAsync("gold/t/part-0.parquet", Bytes("x"), None);
        var staged = Store.StagingPath("gold/t/part-0.parquet");
        await File.WriteAllTextAsync(staged, "half written");

        var listed = await ListAsync("");

        Assert.Equal(["gold/t/part-0.parquet"], listed.Select(o => o.Key));
        File.Delete(staged);
    }

    [Fact]
    public async Task PublishFileAsync_MissingStagedFile_Throws()
    {
        var staged = Store.StagingPath("gold/t/part-0.parquet");

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.PublishFileAsync("gold/t/part-0.parquet", staged, None));
        Assert.False(await Store.ExistsAsync("gold/t/part-0.parquet", None));
    }

    [Theory]
    [InlineData("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/EURUSD%3DX-1a2b3c4d5e6f.json")]
    [InlineData("silver/daily_bar/symbol=BRK B/part 0.parquet")]
    [InlineData("odd/100% real/a+b=c&d?e#f.json")]
    [InlineData("odd/%2F%25 already-escaped/x.json")]
    [InlineData("odd/ünïcödé/€.json")]
    public async Task Keys_WithReservedCharacters_RoundTripThroughEveryOperation(string key)
    {
        Assert.True(await Store.CreateAsync(key, Bytes(key), None));

        Assert.Equal(key, Text(await Store.ReadAsync(key, None)));
        Assert.True(await Store.ExistsAsync(key, None));
        var folder = key[..(key.LastIndexOf('/') + 1)];
        Assert.Equal([key], (await ListAsync(folder)).Select(o => o.Key));
        await Store.PutAsync(key, Bytes("replaced"), None);
        Assert.Equal("replaced", Text(await Store.ReadAsync(key, None)));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        await Store.PutAsync("raw/a.json", Bytes("x"), None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReadAsync("raw/a.json", cancelled.Token));
    }

    [Theory]
    [InlineData("/raw/a.json")]
    [InlineData("raw/../a.json")]
    [InlineData("raw//a.json")]
    [InlineData("raw/")]
    public async Task InvalidKeys_AreRejectedBeforeAnythingIsWritten(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, Bytes("x"), None));
        Assert.Empty(await ListAsync(""));
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static NewObject New(string key, string text) => new(key, Bytes(text));

    /// <summary>Deterministic bytes that differ at every offset of a chunk, so a misplaced range shows.</summary>
    protected static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected async Task<List<ObjectInfo>> ListAsync(string prefix)
    {
        var listed = new List<ObjectInfo>();
        await foreach (var info in Store.ListAsync(prefix, None))
        {
            listed.Add(info);
        }

        return listed;
    }
}
