using System.Text;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Gcs;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>
/// The lake bucket <see cref="Clients.Bucket"/> as a load lists it: a <see cref="GcsObjectStore"/> rooted at the bucket,
/// on Google.Cloud.Storage.V1, over <see cref="FakeGcsServer"/>, so listed objects carry the MD5 fingerprints GCS gives.
/// </summary>
internal sealed class LakeBucket : IDisposable
{
    public LakeBucket() =>
        Store = new GcsObjectStore(
            new GcsObjectStoreOptions(new GcsLocation(Clients.Bucket)),
            GcsClients.Unauthenticated(FakeGcsServer.Endpoint, new HandlerHttpClientFactory(Server)),
            Serilog.Core.Logger.None);

    public FakeGcsServer Server { get; } = new();

    public GcsObjectStore Store { get; }

    /// <summary>Writes <paramref name="content"/> as the partition file of <paramref name="value"/>.</summary>
    public void Put(TableSchema table, string value, string content) =>
        Server.Seed(Clients.Bucket, LakeLayout.Partition(table, value), Encoding.UTF8.GetBytes(content));

    /// <summary>Writes <paramref name="content"/> as the tail of <paramref name="value"/>'s partition (<see cref="LakeLayout.TailFileName"/>).</summary>
    public void PutTail(TableSchema table, string value, string content) =>
        Server.Seed(Clients.Bucket, LakeLayout.PartitionTail(table, value), Encoding.UTF8.GetBytes(content));

    public void Remove(TableSchema table, string value) => Server.Remove(Clients.Bucket, LakeLayout.Partition(table, value));

    /// <summary>The fingerprint the listing gives each partition file (not tail) of <paramref name="table"/>, by partition value.</summary>
    public async Task<Dictionary<string, string>> FingerprintsAsync(TableSchema table) =>
        (await ListedAsync(table))
            .Where(p => LakeLayout.PartitionValueOf(table, p.Key) is not null)
            .ToDictionary(p => LakeLayout.PartitionValueOf(table, p.Key)!, p => p.Value, StringComparer.Ordinal);

    /// <summary>The fingerprint the listing gives each object under <paramref name="table"/>'s prefix, by key.</summary>
    public async Task<Dictionary<string, string>> ListedAsync(TableSchema table)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in Store.ListAsync(table.LakePrefix + "/", CancellationToken.None))
        {
            fingerprints[item.Key] = item.Fingerprint!;
        }

        return fingerprints;
    }

    public void Dispose() => Server.Dispose();
}
