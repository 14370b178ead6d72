using System.Security.Cryptography;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Local;
using StockLakehouse.Jobs.Stages;
using LakeBatch = StockLakehouse.Core.Tables.RecordBatch;

namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>
/// A lake in a temporary folder: raw objects landed as the extractor lands them (body and <c>.meta.json</c>),
/// the local runner's silver and gold jobs as the CLI's transform runs them, and partitions read back.
/// </summary>
internal sealed class TempLake : IDisposable
{
    public const string RunId = "test-run";

    private readonly ParquetFiles _parquet = new();
    private readonly TempFolder _folder = new();

    public TempLake()
    {
        Store = new LocalDirectoryObjectStore(Folder);
    }

    public string Folder => _folder.Path;

    public LocalDirectoryObjectStore Store { get; }

    public static SchemaCatalog Schemas { get; } = SchemaCatalog.LoadDefault();

    /// <summary>Lands <paramref name="body"/> and its metadata, which asked for <paramref name="from"/> through <paramref name="to"/>; returns the body's key.</summary>
    public string LandRaw(string source, string dataset, string symbol, DateOnly ingestDate, byte[] body, DateOnly from, DateOnly to)
    {
        var key = LakeLayout.RawObject(source, dataset, ingestDate, symbol, $"r{ingestDate:yyyyMMdd}");
        var fetchedAt = new DateTimeOffset(ingestDate.ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero);
        var metadata = new RawObjectMetadata(source, dataset, symbol, $"https://example.test/{source}/{dataset}/{symbol}", 200, fetchedAt, from, to, Convert.ToHexStringLower(SHA256.HashData(body)), body.Length);
        Store.PutAsync(key, body, CancellationToken.None).GetAwaiter().GetResult();
        Store.PutAsync(LakeLayout.RawMetadata(key), metadata.ToJson(), CancellationToken.None).GetAwaiter().GetResult();
        return key;
    }

    /// <summary>Copies every object under <paramref name="prefix"/> into <paramref name="other"/>, so two lakes start equal.</summary>
    public void CopyTo(TempLake other, string prefix)
    {
        foreach (var (key, content) in Objects(prefix))
        {
            other.Store.PutAsync(key, content, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>The objects under <paramref name="prefix"/> in key order, as Spark's <c>binaryFile</c> source reads them.</summary>
    public IReadOnlyList<(string Key, byte[] Content)> Objects(string prefix)
    {
        var keys = new List<string>();
        var listing = Store.ListAsync(prefix, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            while (listing.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                keys.Add(listing.Current.Key);
            }
        }
        finally
        {
            listing.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return keys.Order(StringComparer.Ordinal)
            .Select(key => (key, Store.ReadAsync(key, CancellationToken.None).GetAwaiter().GetResult()!))
            .ToArray();
    }

    /// <summary>The rows the group of <paramref name="keys"/> hands a grouped-map task.</summary>
    public Apache.Arrow.RecordBatch Group(string groupSymbol, IEnumerable<string> keys) =>
        BinaryFileRows.Group(groupSymbol, SparkFiles(keys));

    /// <summary>The rows the silver query hands its task for <paramref name="keys"/>, out of a group of <paramref name="groupFiles"/> files (default: just these).</summary>
    public Apache.Arrow.RecordBatch SilverGroup(string groupSymbol, IEnumerable<string> keys, long? groupFiles = null) =>
        BinaryFileRows.SilverGroup(groupSymbol, SparkFiles(keys), groupFiles);

    /// <summary>The lake's files as Spark's <c>binaryFile</c> source lists them: its path for each key, and the bytes.</summary>
    private (string Path, byte[] Content)[] SparkFiles(IEnumerable<string> keys) =>
        [.. keys.Select(key => (BinaryFileRows.LocalPath(Folder, key), Store.ReadAsync(key, CancellationToken.None).GetAwaiter().GetResult()!))];

    public Task<StageReport> RunLocalSilverAsync(params Symbol[] symbols) =>
        new LocalSilverJob(Context()).RunAsync(symbols, null, CancellationToken.None);

    public Task<StageReport> RunLocalGoldAsync(DateOnly runEnd, params Symbol[] symbols) =>
        new LocalGoldJob(Context()).RunAsync(symbols, runEnd, null, CancellationToken.None);

    /// <summary>The partition's rows read back, or null when the lake has no such file.</summary>
    public LakeBatch? ReadPartition(string table, string symbol)
    {
        var path = Path.Combine(Folder, LakeLayout.Partition(Schemas[table], symbol));
        return File.Exists(path) ? _parquet.ReadAsync(Schemas[table], path, CancellationToken.None).GetAwaiter().GetResult() : null;
    }

    /// <summary>The text of the run's quarantine file of a table, or "" when the run quarantined nothing there.</summary>
    public string Quarantine(string layer, string table)
    {
        var path = Path.Combine(Folder, LakeLayout.Quarantine(layer, table, RunId));
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public void Dispose() => _folder.Dispose();

    private LakeContext Context() =>
        new(RunId, Store, new PartitionStore(Store, _parquet), Schemas, ReferenceData.LoadDefault(), NyseCalendar.Instance, 1);
}
