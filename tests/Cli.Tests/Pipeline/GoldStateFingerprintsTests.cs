using StockLakehouse.Cli.Pipeline;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.TestSupport.Files;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cli.Tests.Pipeline;

/// <summary>
/// The load's fingerprints from gold's state: given only for a partition whose files (its file, and its tail when it has
/// one) are still listed as gold recorded them, under a known input fingerprint; anything else leaves them to be hashed. The change gold recorded comes with the fingerprint.
/// </summary>
public sealed class GoldStateFingerprintsTests : IDisposable
{
    private static readonly SchemaCatalog Schemas = SchemaCatalog.LoadDefault();
    private static readonly TableSchema Prices = Schemas[LakeNames.FactStockPrice];
    private static readonly TableSchema Indicators = Schemas[LakeNames.FactTechnicalIndicator];

    private readonly TempFolder _folder = new();
    private readonly LocalDirectoryObjectStore _store;

    public GoldStateFingerprintsTests() => _store = new LocalDirectoryObjectStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes <paramref name="symbol"/>'s two gold files and returns them as the store lists them.</summary>
    private async Task<ObjectInfo[]> WriteGoldAsync(string symbol, string content)
    {
        var listed = new List<ObjectInfo>();
        foreach (var table in new[] { Prices, Indicators })
        {
            var key = LakeLayout.Partition(table, symbol);
            await _store.PutAsync(key, System.Text.Encoding.UTF8.GetBytes(content), CancellationToken.None);
            await foreach (var info in _store.ListAsync(key, CancellationToken.None))
            {
                listed.Add(info);
            }
        }

        return [.. listed];
    }

    private Task WriteStateAsync(string symbol, string? fingerprint, IReadOnlyList<ObjectInfo> partitions, GoldChange? change = null) =>
        StageState.WriteAsync(_store, StageState.Key(Prices, Symbol.Parse(symbol)), new GoldPartitionState(fingerprint, partitions, null, []) { Change = change }, CancellationToken.None);

    private Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table) =>
        new GoldStateFingerprints(_store, Prices, 2).KnownAsync(table, CancellationToken.None);

    [Fact]
    public async Task Files_listed_as_gold_recorded_them_take_its_input_fingerprint_and_any_other_file_none()
    {
        await WriteStateAsync("AAA", "f-aaa", await WriteGoldAsync("AAA", "aaa"));
        await WriteStateAsync("BBB", null, await WriteGoldAsync("BBB", "bbb"));
        await WriteGoldAsync("CCC", "ccc");
        var ddd = await WriteGoldAsync("DDD", "ddd");
        await WriteStateAsync("DDD", "f-ddd", ddd);
        // DDD's indicator file written again after its state with as many bytes, a second later: only its last write
        // time tells, and it must be hashed.
        await _store.PutAsync(ddd[1].Key, "DDD"u8.ToArray(), CancellationToken.None);
        var path = _store.LocalPath(ddd[1].Key)!;
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));

        var prices = await KnownAsync(Prices);
        var indicators = await KnownAsync(Indicators);

        Assert.Equal(new Dictionary<string, KnownPartition> { ["AAA"] = new("gold:f-aaa"), ["DDD"] = new("gold:f-ddd") }, prices);
        Assert.Equal(new Dictionary<string, KnownPartition> { ["AAA"] = new("gold:f-aaa") }, indicators);
    }

    [Fact]
    public async Task The_change_gold_recorded_comes_with_the_fingerprint_of_each_file_still_listed_as_recorded()
    {
        var since = new DateOnly(2026, 1, 5);
        // AAA's rows from the first of the month are also in its run's change file of fact_stock_price; the run wrote
        // none of fact_technical_indicator (it stopped before), so that table's AAA gets none.
        var monthStart = new DateOnly(2026, 1, 1);
        await WriteStateAsync("AAA", "f-aaa-2", await WriteGoldAsync("AAA", "aaa"), new GoldChange("f-aaa-1", since) { Rows = new GoldChangeRows("run-1", monthStart) });
        await _store.PutAsync(LakeLayout.Changes(Prices, "run-1"), "changes"u8.ToArray(), CancellationToken.None);
        await WriteStateAsync("BBB", "f-bbb-2", await WriteGoldAsync("BBB", "bbb"));
        // CCC's state records a change, but its price file is no longer listed as recorded (written again, a second later):
        // that file gets neither fingerprint nor change, its indicator file both.
        var ccc = await WriteGoldAsync("CCC", "ccc");
        await WriteStateAsync("CCC", "f-ccc-2", ccc, new GoldChange("f-ccc-1", since));
        await _store.PutAsync(ccc[0].Key, "CCC"u8.ToArray(), CancellationToken.None);
        var path = _store.LocalPath(ccc[0].Key)!;
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        // DDD's state records a change but no fingerprint: nothing is known of its files.
        await WriteStateAsync("DDD", null, await WriteGoldAsync("DDD", "ddd"), new GoldChange("f-ddd-1", since));

        var prices = await KnownAsync(Prices);
        var indicators = await KnownAsync(Indicators);

        var changed = new KnownPartition("gold:f-aaa-2", new PartitionChange("gold:f-aaa-1", since));
        var withRows = new KnownPartition("gold:f-aaa-2", new PartitionChange("gold:f-aaa-1", since) { Rows = new ChangedRows(_store.LocalPath(LakeLayout.Changes(Prices, "run-1"))!, monthStart) });
        Assert.Equal(new Dictionary<string, KnownPartition> { ["AAA"] = withRows, ["BBB"] = new("gold:f-bbb-2") }, prices);
        Assert.Equal(
            new Dictionary<string, KnownPartition> { ["AAA"] = changed, ["BBB"] = new("gold:f-bbb-2"), ["CCC"] = new("gold:f-ccc-2", new PartitionChange("gold:f-ccc-1", since)) },
            indicators);
    }

    /// <summary>Writes <paramref name="symbol"/>'s tail of <paramref name="table"/> and returns it as the store lists it.</summary>
    private async Task<ObjectInfo> WriteTailAsync(TableSchema table, string symbol, string content)
    {
        var key = LakeLayout.PartitionTail(table, symbol);
        await _store.PutAsync(key, System.Text.Encoding.UTF8.GetBytes(content), CancellationToken.None);
        await foreach (var info in _store.ListAsync(key, CancellationToken.None))
        {
            return info;
        }

        throw new InvalidOperationException($"{key} is not listed.");
    }

    [Fact]
    public async Task A_partition_of_a_file_and_a_tail_takes_the_fingerprint_only_with_exactly_the_files_the_state_names()
    {
        // AAA: both tables' files and tails, as its state names them.
        await WriteStateAsync("AAA", "f-aaa", [.. await WriteGoldAsync("AAA", "aaa"), await WriteTailAsync(Prices, "AAA", "t"), await WriteTailAsync(Indicators, "AAA", "t")]);
        // BBB: a price tail its state does not name (left by hand); CCC: an indicator tail its state names, gone.
        await WriteStateAsync("BBB", "f-bbb", await WriteGoldAsync("BBB", "bbb"));
        await WriteTailAsync(Prices, "BBB", "stray");
        var ccc = await WriteGoldAsync("CCC", "ccc");
        var cccTail = await WriteTailAsync(Indicators, "CCC", "t");
        await WriteStateAsync("CCC", "f-ccc", [.. ccc, cccTail]);
        await _store.DeleteAsync(cccTail.Key, CancellationToken.None);

        var prices = await KnownAsync(Prices);
        var indicators = await KnownAsync(Indicators);

        Assert.Equal(new Dictionary<string, KnownPartition> { ["AAA"] = new("gold:f-aaa"), ["CCC"] = new("gold:f-ccc") }, prices);
        Assert.Equal(new Dictionary<string, KnownPartition> { ["AAA"] = new("gold:f-aaa"), ["BBB"] = new("gold:f-bbb") }, indicators);
    }

    [Fact]
    public async Task A_partition_with_a_tail_comes_with_the_tails_first_date_and_one_without_with_none()
    {
        var tailFrom = new DateOnly(2025, 11, 3);
        var aaa = new List<ObjectInfo>(await WriteGoldAsync("AAA", "aaa")) { await WriteTailAsync(Prices, "AAA", "t") };
        await StageState.WriteAsync(_store, StageState.Key(Prices, Symbol.Parse("AAA")), new GoldPartitionState("f-aaa", aaa, null, []) { TailFrom = tailFrom }, CancellationToken.None);

        Assert.Equal(tailFrom, (await KnownAsync(Prices))["AAA"].TailFrom);
        Assert.Null((await KnownAsync(Indicators))["AAA"].TailFrom);
    }

    [Fact]
    public async Task A_table_outside_gold_gets_none() =>
        Assert.Empty(await KnownAsync(Schemas.Tables.First(t => t.Layer != Layers.Gold && t.LakePartition is not null)));
}
