using System.Globalization;
using System.Security.Cryptography;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Local;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Tests.Support;

/// <summary>
/// A lake in a temporary folder for the stages: Yahoo chart objects landed as the extractor lands them (body and a
/// <c>.meta.json</c> that describes it), and runs of the local silver and gold jobs, each with its own run id.
/// </summary>
internal sealed class StageLake : IDisposable
{
    private readonly TempFolder _folder = new();
    private int _runs;

    public StageLake()
    {
        Store = new LocalDirectoryObjectStore(_folder.Path);
    }

    public static SchemaCatalog Schemas { get; } = SchemaCatalog.LoadDefault();

    public LocalDirectoryObjectStore Store { get; }

    public string Folder => _folder.Path;

    /// <summary>The run id of the last <see cref="RunAsync"/>.</summary>
    public string RunId => $"run-{_runs}";

    /// <summary>
    /// Lands a chart of <paramref name="symbol"/> fetched on <paramref name="ingest"/> with a close of
    /// <c>basis + i</c> and a volume of <c>volume + i</c> on the i-th of <paramref name="sessions"/>; <paramref name="events"/>
    /// as in <see cref="Some.Chart"/>.
    /// </summary>
    public string Land(string symbol, DateOnly ingest, IReadOnlyList<DateOnly> sessions, double basis, string? events = null, string request = "r", long volume = 1_000)
    {
        var body = Some.Chart(symbol, sessions.Select((d, i) => (Some.SessionOpen(d), basis + i, basis + i + 1, basis + i - 1, basis + i + 0.5, volume + i)), events);
        return LandBody(symbol, ingest, sessions[0], sessions[^1], body, request);
    }

    /// <summary>Lands <paramref name="body"/>, a chart of <paramref name="symbol"/> from <paramref name="first"/> to <paramref name="last"/> fetched on <paramref name="ingest"/>.</summary>
    public string LandBody(string symbol, DateOnly ingest, DateOnly first, DateOnly last, byte[] body, string request = "r")
    {
        var key = LakeLayout.RawObject(LakeNames.Yahoo, LakeNames.Chart, ingest, symbol, $"{request}{ingest:yyyyMMdd}");
        var metadata = Some.Metadata(symbol, first, last) with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(body)), Bytes = body.Length };
        Store.PutAsync(key, body, CancellationToken.None).GetAwaiter().GetResult();
        Store.PutAsync(LakeLayout.RawMetadata(key), metadata.ToJson(), CancellationToken.None).GetAwaiter().GetResult();
        return key;
    }

    /// <summary>Lands a company file, effective on <paramref name="ingest"/>, that moves AAPL to another sector: dim_company gains a version from that date.</summary>
    public Task LandAppleSectorChangeAsync(DateOnly ingest) =>
        Store.PutAsync(
            LakeLayout.RawObject(LakeNames.Reference, LakeNames.Companies, ingest, "companies", "r")[..^".json".Length] + ".csv",
            "symbol,name,mic,sector,industry,currency,country,ipo_date,delisting_date\nAAPL,Apple Inc.,XNAS,Consumer Discretionary,Consumer Electronics,USD,US,1980-12-12,\n"u8.ToArray(),
            CancellationToken.None);

    /// <summary>A dividend of <paramref name="amount"/> going ex on <paramref name="date"/>, as the chart's events object.</summary>
    public static string Dividend(DateOnly date, double amount)
    {
        var at = Some.SessionOpen(date).ToString(CultureInfo.InvariantCulture);
        return "{\"dividends\":{\"" + at + "\":{\"amount\":" + amount.ToString(CultureInfo.InvariantCulture) + ",\"date\":" + at + "}}}";
    }

    /// <summary>A split of <paramref name="numerator"/> new shares for <paramref name="denominator"/> old, effective on <paramref name="date"/>, as the chart's events object.</summary>
    public static string Split(DateOnly date, int numerator, int denominator)
    {
        var at = Some.SessionOpen(date).ToString(CultureInfo.InvariantCulture);
        return "{\"splits\":{\"" + at + "\":{\"date\":" + at + ",\"numerator\":" + numerator.ToString(CultureInfo.InvariantCulture)
            + ",\"denominator\":" + denominator.ToString(CultureInfo.InvariantCulture) + ",\"splitRatio\":\"" + numerator.ToString(CultureInfo.InvariantCulture) + ":" + denominator.ToString(CultureInfo.InvariantCulture) + "\"}}}";
    }

    /// <summary>Runs the local silver then gold job over <paramref name="symbols"/> under a new run id.</summary>
    public Task<(StageReport Silver, StageReport Gold)> RunAsync(DateOnly runEnd, params string[] symbols) => RunThroughAsync(Store, runEnd, symbols);

    /// <summary>Runs the local silver then gold job over <paramref name="symbols"/> under a new run id, reaching the lake through <paramref name="store"/>.</summary>
    public async Task<(StageReport Silver, StageReport Gold)> RunThroughAsync(IObjectStore store, DateOnly runEnd, params string[] symbols)
    {
        var lake = NextRun(store);
        var chosen = symbols.Select(Symbol.Parse).ToArray();
        var silver = await new LocalSilverJob(lake).RunAsync(chosen, null, CancellationToken.None);
        var gold = await new LocalGoldJob(lake).RunAsync(chosen, runEnd, null, CancellationToken.None);
        return (silver, gold);
    }

    /// <summary>
    /// Builds <paramref name="symbol"/>'s partitions each as one file, as a lake written before its first daily run had
    /// them when builds did not split: silver's partition rebuilt through <see cref="SilverStage.RunPartitionAsync"/> (as
    /// the Spark host's silver task and gold's rebuild of an unreadable partition write it: one file, no tail), then a
    /// local run, in which silver is unchanged and gold, finding no silver tail to start its own at, computes the whole
    /// history as one file per table.
    /// </summary>
    public async Task BuildWholeAsync(DateOnly runEnd, string symbol)
    {
        var stage = new SilverStage(NextRun());
        var bodies = (await stage.ListRawAsync(null, CancellationToken.None))[Symbol.Parse(symbol)];
        await stage.RunPartitionAsync(Symbol.Parse(symbol), bodies, Store.ReadAsync, CancellationToken.None);
        await RunAsync(runEnd, symbol);
        Assert.False(File.Exists(Path.Combine(Folder, LakeLayout.PartitionTail(Schemas[LakeNames.DailyBar], symbol))));
        Assert.False(File.Exists(Path.Combine(Folder, LakeLayout.PartitionTail(Schemas[LakeNames.FactStockPrice], symbol))));
    }

    /// <summary>Runs the local silver job alone over <paramref name="symbols"/> under a new run id (a run stopped before gold).</summary>
    public Task<StageReport> RunSilverAsync(params string[] symbols) =>
        new LocalSilverJob(NextRun(Store)).RunAsync(symbols.Select(Symbol.Parse).ToArray(), null, CancellationToken.None);

    /// <summary>A lake context for a new run over this lake, for driving a stage's steps directly.</summary>
    public LakeContext NextRun() => NextRun(Store);

    /// <summary>A lake context for a new run over this lake, reaching it through <paramref name="store"/>.</summary>
    public LakeContext NextRun(IObjectStore store)
    {
        _runs++;
        return new LakeContext(RunId, store, new PartitionStore(store, new ParquetFiles()), Schemas, ReferenceData.LoadDefault(), NyseCalendar.Instance, 2);
    }

    /// <summary>Copies every raw object into <paramref name="other"/>, so that it can build the same inputs from scratch.</summary>
    public void CopyRawTo(StageLake other)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, LakeLayout.RawRoot), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(other.Folder, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>
    /// Asserts that a fresh lake with the same raw objects, built in one run ending <paramref name="runEnd"/>, has the
    /// same silver and gold files, byte for byte, and the same quarantine as this one's last run.
    /// </summary>
    public async Task AssertEqualsOneBuildAsync(DateOnly runEnd, params string[] symbols)
    {
        using var full = new StageLake();
        CopyRawTo(full);
        await full.RunAsync(runEnd, symbols);

        var expected = await full.PartitionsAsOneFileAsync();
        var actual = await PartitionsAsOneFileAsync();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(actual[pair.Key]), $"{pair.Key} differs from one build's."));
        Assert.Equal(full.Quarantine(LakeNames.DailyBar), Quarantine(LakeNames.DailyBar));
        Assert.Equal(full.Quarantine(LakeNames.FactStockPrice), Quarantine(LakeNames.FactStockPrice));
    }

    /// <summary>The first <paramref name="count"/> NYSE trading days from <paramref name="from"/> on.</summary>
    public static DateOnly[] TradingDays(DateOnly from, int count)
    {
        var days = new List<DateOnly>();
        for (var day = from; days.Count < count; day = day.AddDays(1))
        {
            if (NyseCalendar.Instance.IsTradingDay(day))
            {
                days.Add(day);
            }
        }

        return [.. days];
    }

    public string PathOf(string table, string symbol) => Path.Combine(Folder, LakeLayout.Partition(Schemas[table], symbol));

    /// <summary>The last run's quarantine file of <paramref name="table"/>, "" when it quarantined nothing there.</summary>
    public string Quarantine(string table)
    {
        var path = Path.Combine(Folder, LakeLayout.Quarantine(Schemas[table].Layer, table, RunId));
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>Every silver and gold file, relative to the lake, with its bytes.</summary>
    public SortedDictionary<string, byte[]> Partitions() =>
        new(
            new[] { "silver", "gold" }
                .Select(layer => Path.Combine(Folder, layer))
                .Where(Directory.Exists)
                .SelectMany(root => Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories))
                .ToDictionary(f => Path.GetRelativePath(Folder, f), File.ReadAllBytes),
            StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Partitions"/> with each partition as one file: one with a tail (silver's daily merge, gold's daily
    /// write, <see cref="LakeLayout.TailFileName"/>) is read, base then tail, and written again as the single file one build
    /// writes of the same rows, so equal bytes still mean equal rows bit for bit.
    /// </summary>
    public async Task<SortedDictionary<string, byte[]>> PartitionsAsOneFileAsync()
    {
        var files = Partitions();
        var parquet = new ParquetFiles();
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, bytes) in files)
        {
            if (LakeLayout.FileOfTail(key) is { } file)
            {
                Assert.True(files.ContainsKey(file), $"{key} is a tail without its partition file.");
                continue;
            }

            var tailKey = key[..^LakeLayout.PartFileName.Length] + LakeLayout.TailFileName;
            if (!files.TryGetValue(tailKey, out var tail))
            {
                result[key] = bytes;
                continue;
            }

            var table = Schemas.Tables.Single(t => t.LakePartition is not null && LakeLayout.PartitionValueOf(t, key) is not null);
            var rows = await new PartitionStore(Store, parquet).DecodeAsync(table, [(key, bytes), (tailKey, tail)], CancellationToken.None);
            var path = Path.Combine(Folder, "one-file.parquet");
            await parquet.WriteAsync(table, rows, path, CancellationToken.None);
            result[key] = await File.ReadAllBytesAsync(path);
            File.Delete(path);
        }

        return result;
    }

    public void Dispose() => _folder.Dispose();
}
