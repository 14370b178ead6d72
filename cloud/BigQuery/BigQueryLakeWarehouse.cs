using Serilog;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// BigQuery as the warehouse stage sees it (<see cref="IWarehouse"/>): a <see cref="BigQueryWarehouse"/> loading the
/// lake bucket's gold files through the run's own staging tables. A partitioned table stages only the files of the
/// partitions whose listed fingerprint (<see cref="ObjectInfo.Fingerprint"/>, its file's and its tail's) differs from the one <see cref="LoadPartitionsSql"/>
/// recorded when the partition was last merged; when none changed and none left the lake, nothing is staged or merged.
/// Where the files' writer knows them (an <see cref="IPartitionFingerprintSource"/>, given by deploy for partitions the
/// bucket holds exactly as gold wrote them), its fingerprint is used instead, and a partition known to differ only from
/// a date on from the files the warehouse recorded is merged from that date on, staged from its tail alone when the tail
/// holds every row from then on.
/// A table <see cref="EnsureTableAsync"/> created or found holding no rows has nothing of what was recorded in it: every
/// file is staged and the table's records are replaced. Statements of the shared SQL are translated with
/// every name the warehouse holds (the tables of schemas/, the load record, the marts) qualified by the dataset.
/// </summary>
public sealed class BigQueryLakeWarehouse : IWarehouse
{
    private readonly BigQueryWarehouse _warehouse;
    private readonly IObjectStore _lake;
    private readonly ILogger _log;
    private readonly string _bucket;
    private readonly string _run;
    private readonly SchemaCatalog _schemas;
    private readonly string[] _relations;
    private readonly List<string> _created = [];
    private readonly HashSet<string> _empty = new(StringComparer.Ordinal);
    private readonly IPartitionFingerprintSource? _known;

    /// <param name="lake">The lake bucket's store, rooted at the bucket (where <paramref name="bucket"/>'s gold files are listed).</param>
    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    /// <param name="known">
    /// What the writer of the bucket's partition files knows of them, given only for partitions whose files in the bucket
    /// are the ones it describes: their fingerprints replace the MD5s, and a change from what the warehouse recorded bounds
    /// the partition's merge. Null: the MD5s alone, every changed partition merged whole.
    /// </param>
    public BigQueryLakeWarehouse(BigQueryWarehouse warehouse, IObjectStore lake, string bucket, string run, SchemaCatalog schemas, MartCatalog marts, ILogger log, IPartitionFingerprintSource? known = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(marts);
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _warehouse = warehouse;
        _lake = lake;
        _bucket = bucket;
        _run = run;
        _schemas = schemas;
        _relations = [.. BigQueryMartSql.Relations(schemas, marts), LoadStateSql.TableName];
        _known = known;
    }

    /// <summary>The tables <see cref="EnsureTableAsync"/> created (rather than found in place), in order.</summary>
    public IReadOnlyList<string> TablesCreated => _created;

    public async Task EnsureTableAsync(TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var provisioning = await _warehouse.EnsureTableAsync(table, cancellationToken).ConfigureAwait(false);
        if (provisioning == TableProvisioning.Created && !_created.Contains(table.Name))
        {
            _created.Add(table.Name);
        }

        if (provisioning != TableProvisioning.Existed)
        {
            _empty.Add(table.Name);
        }
    }

    /// <exception cref="InvalidOperationException">The lake has no partition files for <paramref name="table"/>.</exception>
    public async Task<LoadResult> LoadAsync(TableSchema table, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.LakePartition is null)
        {
            var whole = await _warehouse.LoadAsync(table, _bucket, _run, cancellationToken).ConfigureAwait(false);
            return new LoadResult(whole.Table, whole.StagedRows, null, null, null, null);
        }

        await EnsureTableAsync(LoadPartitionsSql.Table, cancellationToken).ConfigureAwait(false);
        var lake = await LakePartitionsAsync(table, cancellationToken).ConfigureAwait(false);
        // An empty target holds none of what was recorded (a table dropped and created again): every file is staged.
        var empty = _empty.Contains(table.Name);
        var recorded = empty ? [] : await RecordedAsync(table, cancellationToken).ConfigureAwait(false);
        var known = _known is null ? new Dictionary<string, KnownPartition>() : await _known.KnownAsync(table, cancellationToken).ConfigureAwait(false);
        var fingerprints = lake.ToDictionary(p => p.Key, p => known.TryGetValue(p.Key, out var k) ? k.Fingerprint : p.Value.Fingerprint, StringComparer.Ordinal);
        var changed = LoadPartitionsSql.Changed(
            fingerprints.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
            recorded);
        var staged = lake.Where(p => fingerprints[p.Key] is null || changed.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var vanished = recorded.Keys.Count(k => !lake.ContainsKey(k));
        if (staged.Count == 0 && vanished == 0)
        {
            _log.Information("Load of {Table}: none of its {Partitions} partitions changed since its last load; nothing staged", table.Name, lake.Count);
            return new LoadResult(table.Name, 0, 0, 0, 0, null);
        }

        if (empty)
        {
            _log.Information("Load of {Table}: the table holds no rows; all {Partitions} partitions staged and its load records replaced", table.Name, lake.Count);
        }
        else
        {
            _log.Information("Load of {Table}: {Staged} of {Partitions} partitions changed since their last load, {Vanished} left the lake", table.Name, staged.Count, lake.Count, vanished);
        }

        var bounds = empty ? [] : Bounds(table, staged.Keys, known, recorded);
        var batchBounds = BigQueryMergeSql.BatchBounds(table, staged.Keys, bounds, replaceRecords: empty);
        var files = staged.ToDictionary(p => p.Key, p => StagedFiles(table, p.Key, p.Value, batchBounds, known), StringComparer.Ordinal);
        if (bounds.Count > 0)
        {
            _log.Information(
                "Load of {Table}: {Bounded} of the {Staged} changed partitions merged from the date their change starts, {TailsAlone} of them staged from their tail alone",
                table.Name,
                bounds.Count,
                staged.Count,
                files.Count(p => p.Value.Count < staged[p.Key].Files.Count));
        }

        var script = BigQueryMergeSql.ForPartitions(
            table,
            _warehouse.Dataset,
            _run,
            lake.Keys,
            staged.ToDictionary(p => p.Key, p => fingerprints[p.Key], StringComparer.Ordinal),
            replaceRecords: empty,
            bounds,
            bounds.Keys.ToDictionary(v => v, v => recorded[v], StringComparer.Ordinal));
        var uris = files.Values.SelectMany(keys => keys).Select(key => BigQueryLoadJob.ObjectUri(_bucket, key)).Order(StringComparer.Ordinal).ToArray();
        // A bound rests on the bucket's files being those the writer described when they were checked: listed again once
        // staged, any of them changed since (a Spark batch rewriting gold meanwhile) stops the load before its merge.
        var checkedFiles = bounds.Keys.SelectMany(v => staged[v].Files).ToArray();
        Func<CancellationToken, Task>? unchanged = checkedFiles.Length == 0 ? null : ct => RequireUnchangedAsync(table, checkedFiles, ct);
        var result = await _warehouse.LoadChangedAsync(table, _run, uris, script, cancellationToken, unchanged).ConfigureAwait(false);
        _empty.Remove(table.Name);
        return new LoadResult(result.Table, result.StagedRows, null, null, null, null);
    }

    /// <summary>
    /// The staged partitions whose merge can start at a date: those the writer knows to differ, from that date on only,
    /// from the files whose fingerprint the warehouse recorded (<see cref="PartitionChange.From"/>), so the target holds
    /// their earlier rows; none for a table without a date column to bound by. A value outside printable ASCII, or
    /// holding ',' or ':', is not bounded: the script's check of the records hashes them joined by those characters,
    /// sorted as both this code and BigQuery sort ASCII (symbols are ASCII).
    /// </summary>
    private static Dictionary<string, DateOnly> Bounds(TableSchema table, IEnumerable<string> staged, IReadOnlyDictionary<string, KnownPartition> known, IReadOnlyDictionary<string, string> recorded) =>
        LoadSql.ChangeDateColumn(table) is null
            ? []
            : staged
                .Where(v => v.All(c => c is > ' ' and < (char)127 and not ',' and not ':'))
                .Where(v => known.TryGetValue(v, out var k) && k.Change is { } change && recorded.TryGetValue(v, out var r) && string.Equals(r, change.From, StringComparison.Ordinal))
                .ToDictionary(v => v, v => known[v].Change!.Since, StringComparer.Ordinal);

    /// <summary>
    /// The keys of a staged partition's files the load job takes: its tail alone when the merge of its batch starts on or
    /// after the tail's first date (<paramref name="batchBounds"/>, <see cref="BigQueryMergeSql.BatchBounds"/>), so that
    /// every row the batch reads or deletes of it is there, else every file.
    /// </summary>
    private static IReadOnlyList<string> StagedFiles(TableSchema table, string value, LakePartition partition, IReadOnlyDictionary<string, DateOnly> batchBounds, IReadOnlyDictionary<string, KnownPartition> known)
    {
        var tail = LakeLayout.PartitionTail(table, value);
        return batchBounds.TryGetValue(value, out var bound) && known[value].TailFrom is { } tailFrom && tailFrom <= bound && partition.Files.Any(f => f.Key == tail)
            ? [tail]
            : [.. partition.Files.Select(f => f.Key)];
    }

    /// <summary>Throws unless the bucket still lists each of <paramref name="files"/> as it did (same key, size and fingerprint).</summary>
    private async Task RequireUnchangedAsync(TableSchema table, IReadOnlyList<ObjectInfo> files, CancellationToken cancellationToken)
    {
        var now = new HashSet<ObjectInfo>();
        await foreach (var item in _lake.ListAsync(table.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            now.Add(item);
        }

        if (files.FirstOrDefault(f => !now.Contains(f)) is { } changed)
        {
            throw new InvalidOperationException(
                $"'{BigQueryLoadJob.ObjectUri(_bucket, changed.Key)}' changed in the bucket while {table.Name} was being loaded (another writer, such as a Spark batch, rewrote gold); nothing was merged. Run the deploy again.");
        }
    }

    /// <summary>
    /// Every partition of <paramref name="table"/> in the lake, by partition value: its file and, after local daily runs,
    /// its tail (<see cref="LakeLayout.TailFileName"/>), as the bucket lists them.
    /// </summary>
    private async Task<Dictionary<string, LakePartition>> LakePartitionsAsync(TableSchema table, CancellationToken cancellationToken)
    {
        // Anything else under the prefix (a writer's marker file) is not a partition and is not loaded.
        var files = await PartitionFiles.ListAsync(_lake, table, cancellationToken).ConfigureAwait(false);
        return files.Count > 0
            ? files.ToDictionary(p => p.Key, p => new LakePartition(p.Value), StringComparer.Ordinal)
            : throw new InvalidOperationException($"The lake has no partition files for table {table.Name} under '{_lake.Location}/{table.LakePrefix}/'; run transform before load.");
    }

    /// <summary>
    /// A partition's files in the bucket, its file before its tail. Its fingerprint is its file's listed one (the MD5
    /// GCS gives), joined with its tail's by <c>+</c> when it has one, so a partition of one file keeps the fingerprint
    /// recorded before tails existed, and a changed tail, or one appearing or gone, changes it; null when a file has none.
    /// </summary>
    private sealed record LakePartition(IReadOnlyList<ObjectInfo> Files)
    {
        public string? Fingerprint => Files.Any(f => f.Fingerprint is null) ? null : string.Join("+", Files.Select(f => f.Fingerprint));
    }

    /// <summary>
    /// The fingerprints <see cref="LoadPartitionsSql"/> recorded for <paramref name="table"/> (partition value →
    /// fingerprint). A record missing here (a first page of results cut short) only makes its partition staged again,
    /// and the merge script's reconcile does not depend on this read.
    /// </summary>
    private async Task<Dictionary<string, string>> RecordedAsync(TableSchema table, CancellationToken cancellationToken)
    {
        var result = await _warehouse.QueryAsync(LoadPartitionsSql.Read(table), [LoadPartitionsSql.TableName], cancellationToken).ConfigureAwait(false);
        return result.Rows.Where(r => r.Count == 2 && r[0] is not null && r[1] is not null).ToDictionary(r => r[0]!, r => r[1]!, StringComparer.Ordinal);
    }

    public async Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken) =>
        await _warehouse.CreateMartsAsync(_schemas, marts, cancellationToken).ConfigureAwait(false);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        await _warehouse.ExecuteAsync("statement", sql, _relations, cancellationToken).ConfigureAwait(false);

    public async Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken)
    {
        var result = await _warehouse.QueryAsync(LoadStateSql.Read, _relations, cancellationToken).ConfigureAwait(false);
        return result.Rows.Count == 0
            ? null
            : new LoadCommit(result.Rows[0][0] ?? string.Empty, string.Equals(result.Rows[0][1], "true", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken) =>
        await _warehouse.RunChecksAsync(checks, _relations, cancellationToken).ConfigureAwait(false);
}
