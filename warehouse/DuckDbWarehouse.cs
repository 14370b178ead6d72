using System.Diagnostics;
using DuckDB.NET.Data;
using Serilog;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The embedded warehouse: one DuckDB file with a table per schemas/ declaration. Loads are idempotent:
/// the lake's Parquet files (read with <c>read_parquet</c>) are merged into the target by the table's key with the
/// shared statements of <see cref="LoadSql"/> (the MERGE as a delete of changed rows and an insert, see
/// <see cref="LoadSql.DeleteChangedFrom"/>), rows whose values did not change are left alone, and rows the lake
/// no longer has — a partition's missing rows, a whole partition gone from the lake — are deleted. Loading the same
/// lake twice changes nothing. A cancelled token interrupts the running statement (DuckDB's interrupt).
/// </summary>
public sealed class DuckDbWarehouse : IDisposable
{
    private readonly DuckDBConnection _connection;

    private readonly ILogger _log;

    private DuckDbWarehouse(string path, DuckDBConnection connection, ILogger log)
    {
        Path = path;
        _connection = connection;
        _log = log;
    }

    public string Path { get; }

    public DuckDBConnection Connection => _connection;

    /// <summary>Opens (creating if needed) the warehouse file at <paramref name="path"/>, creating its folder too.</summary>
    /// <exception cref="IOException">DuckDB could not open the file (another process holds it, it is no DuckDB database, …); the message names the path and DuckDB's reason.</exception>
    /// <param name="log">Where a failed rollback is reported (its error never replaces the load's own); none when omitted.</param>
    public static DuckDbWarehouse Open(string path, ILogger? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = OpenConnection(path);
        try
        {
            // Bound memory whatever the lake's size: DuckDB spills staging and merge state to disk past this.
            connection.Execute($"SET memory_limit = {DuckDbSql.Literal(MemoryLimit)}; SET preserve_insertion_order = false;");
            return new DuckDbWarehouse(path, connection, log ?? Serilog.Core.Logger.None);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A read-only connection for readers of a built warehouse (the dashboard), under the same <see cref="MemoryLimit"/>
    /// as loads and checks, so reading the marts of a large warehouse stays bounded too.
    /// </summary>
    public static DuckDBConnection OpenReader(string path)
    {
        var connection = OpenConnection(path, readOnly: true);
        try
        {
            connection.Execute($"SET memory_limit = {DuckDbSql.Literal(MemoryLimit)}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to the DuckDB database at <paramref name="path"/> (<c>:memory:</c> for an in-memory one), with errors that name the path.</summary>
    /// <param name="readOnly">Open with <c>ACCESS_MODE=READ_ONLY</c>: nothing can change the file, and other read-only readers may open it at the same time.</param>
    public static DuckDBConnection OpenConnection(string path, bool readOnly = false)
    {
        DuckDBConnection? connection = null;
        try
        {
            var settings = new DuckDBConnectionStringBuilder { DataSource = path };
            if (readOnly)
            {
                settings["ACCESS_MODE"] = "READ_ONLY";
            }

            connection = new DuckDBConnection(settings.ConnectionString);
            connection.Open();
            return connection;
        }
        catch (DuckDBException e)
        {
            connection?.Dispose();
            throw new IOException($"Could not open the DuckDB database '{path}': {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            connection?.Dispose();
            throw new IOException(
                $"Could not open the DuckDB database '{path}': DuckDB's native library could not be loaded ({e.GetBaseException().Message}). " +
                "It comes with the DuckDB.NET.Data.Full package under runtimes/<platform>/native; a copy of the application without it can extract and transform but not load or check.",
                e);
        }
    }

    /// <summary>DuckDB's memory limit for loads and checks; past it DuckDB spills to a temp folder beside the database.</summary>
    public static string MemoryLimit { get; set; } = "1.25GB";

    /// <summary>Creates the tables of <paramref name="catalog"/> that do not exist yet, with NOT NULL on REQUIRED columns.</summary>
    public void EnsureTables(SchemaCatalog catalog)
    {
        foreach (var table in catalog.Tables)
        {
            EnsureTable(table);
        }
    }

    /// <summary>Creates <paramref name="table"/> when it does not exist yet, with NOT NULL on REQUIRED columns and the descriptions as comments.</summary>
    public void EnsureTable(TableSchema table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        Run($"CREATE TABLE IF NOT EXISTS {DuckDbSql.Identifier(table.Name)} ({DuckDbSql.ColumnDefinitions(table, notNull: true)})", cancellationToken);
        foreach (var field in table.Fields)
        {
            Run($"COMMENT ON COLUMN {DuckDbSql.Identifier(table.Name)}.{DuckDbSql.Identifier(field.Name)} IS {DuckDbSql.Literal(field.Description)}", cancellationToken);
        }

        Run($"COMMENT ON TABLE {DuckDbSql.Identifier(table.Name)} IS {DuckDbSql.Literal(table.Description)}", cancellationToken);
    }

    /// <summary>Merges the Parquet files matching <paramref name="parquetGlob"/> into <paramref name="table"/>, in one transaction.</summary>
    public LoadResult Load(TableSchema table, string parquetGlob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.LakePartition is not null)
        {
            EnsureTable(CheckScopes.Pending, cancellationToken);
        }

        return LoadFrom(table, [parquetGlob], cancellationToken);
    }

    /// <summary>
    /// Merges the partition files whose content changed since they were last loaded into <paramref name="table"/>,
    /// <paramref name="batchSize"/> partitions at a time, one transaction per batch, so the merge's working memory is
    /// bounded by a batch rather than by the whole lake. A partition's fingerprint is the one
    /// <paramref name="known"/> gives, else its files' SHA-256 (<see cref="PartitionFingerprint"/>), recorded in <see cref="LoadPartitionsSql.TableName"/> in
    /// the transaction of its batch; a partition whose files still have the recorded fingerprint is not staged. A staged
    /// partition whose files are known to differ from the recorded one only from a date on (<see cref="PartitionChange"/>)
    /// has only its rows from that date on deleted and merged, in batches of their own (<see cref="LoadBatches"/>). First the
    /// partitions that <paramref name="partitionFiles"/> no longer has (a symbol whose partition left the lake) lose
    /// their rows and their record (<see cref="LoadSql.Reconcile"/>), so the table ends up holding exactly the given
    /// partitions. Each batch is idempotent on its own: a load stopped part-way leaves whole partitions loaded and
    /// recorded, and rerunning it finishes the rest. An empty table (a first load, or one emptied by the reconcile) has
    /// nothing to merge, match or keep apart: every file goes in with one bulk <c>INSERT … SELECT … FROM
    /// read_parquet(…)</c> in one transaction that also replaces every record of the table.
    /// </summary>
    /// <param name="partitionFiles">Every partition file of the table, each in its lake folder (<c>&lt;column&gt;=&lt;value&gt;/part-0.parquet</c>,
    /// and <c>part-1.parquet</c>, the partition's tail, when it has one: a partition is merged, fingerprinted and counted with all its files).</param>
    /// <param name="known">
    /// What is known of the files without reading them (<see cref="IPartitionFingerprintSource"/>), by partition value;
    /// the files of other partitions are hashed.
    /// </param>
    public LoadResult LoadPartitions(TableSchema table, IReadOnlyList<string> partitionFiles, int batchSize, IProgress<StageProgress>? progress = null, IReadOnlyDictionary<string, KnownPartition>? known = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(partitionFiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        EnsureTable(LoadPartitionsSql.Table, cancellationToken);
        EnsureTable(CheckScopes.Pending, cancellationToken);
        var (values, filesOf) = Partitions(table, partitionFiles);
        var before = Scalar(CountOf(table), cancellationToken);
        var deleted = before == 0 ? 0 : Reconcile(table, values, cancellationToken);
        var clock = Stopwatch.StartNew();
        // Every partition without a known fingerprint is hashed before DuckDB reads any file, on every core
        // (ARCHITECTURE.md, "The load of a table").
        var hashes = new string[values.Count];
        var knownCount = 0;
        Parallel.For(0, values.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (known is not null && known.TryGetValue(values[i], out var partition))
            {
                hashes[i] = partition.Fingerprint;
                Interlocked.Increment(ref knownCount);
            }
            else
            {
                hashes[i] = PartitionFingerprint.Of(filesOf[i]);
            }
        });
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            fingerprints[values[i]] = hashes[i];
        }

        var hashed = clock.Elapsed;

        var whole = before == deleted;
        IReadOnlyList<LoadBatch> batches;
        if (whole)
        {
            batches = values.Count == 0 ? [] : [new LoadBatch(Enumerable.Range(0, values.Count).ToArray(), null)];
        }
        else
        {
            var recorded = RecordedFingerprints(table, cancellationToken);
            var changed = LoadPartitionsSql.Changed(fingerprints, recorded);
            var staged = Enumerable.Range(0, values.Count).Where(i => changed.Contains(values[i])).ToArray();
            batches = LoadBatches.Plan(table, values, staged, recorded, known, batchSize);
        }

        var total = batches.Sum(b => b.Partitions.Count);
        long read = 0, inserted = 0, updated = 0, fromChangeFiles = 0;
        var after = before - deleted;
        var done = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var files = batch.Partitions.SelectMany(i => filesOf[i]).ToArray();
            var batchFingerprints = batch.Partitions.ToDictionary(i => values[i], i => fingerprints[values[i]], StringComparer.Ordinal);
            var result = LoadFrom(table, files, batchFingerprints, batch.Since, batch.RowsFile, cancellationToken);
            (read, inserted, updated, deleted, after) = (read + result.RowsRead!.Value, inserted + result.Inserted!.Value, updated + result.Updated!.Value, deleted + result.Deleted!.Value, result.RowsAfter!.Value);
            fromChangeFiles += result.PartitionsFromChangeFiles ?? 0;
            done += batch.Partitions.Count;
            progress?.Report(new StageProgress($"load {table.Name}", done, total));
        }

        var bounded = batches.Where(b => b.Since is not null).Sum(b => (long)b.Partitions.Count);
        _log.Debug(
            "Load of {Table}: {Staged} of {Partitions} partitions changed since their last load ({How}), {Bounded} of them only from a date on ({FromChangeFiles} read from change files); fingerprints ({Known} known, the others hashed) took {FingerprintMs} ms, the load {LoadMs} ms",
            table.Name,
            total,
            values.Count,
            whole ? "empty table, one bulk insert" : "merged",
            bounded,
            fromChangeFiles,
            knownCount,
            (long)hashed.TotalMilliseconds,
            (long)(clock.Elapsed - hashed).TotalMilliseconds);
        return new LoadResult(table.Name, read, inserted, updated, deleted, after) { PartitionsFromADate = bounded, PartitionsFromChangeFiles = fromChangeFiles };
    }

    /// <summary>
    /// The partitions of <paramref name="partitionFiles"/> in the order of their first file: each one's value and its
    /// files, its file and then its tail when it has one (<see cref="LakeLayout.TailFileName"/>).
    /// </summary>
    private static (List<string> Values, List<string[]> Files) Partitions(TableSchema table, IReadOnlyList<string> partitionFiles)
    {
        var column = table.LakePartition
            ?? throw new ArgumentException($"Table '{table.Name}' has no lake partition; load it with Load.", nameof(table));
        var values = new List<string>();
        var files = new List<List<string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in partitionFiles)
        {
            var value = LakeLayout.PartitionValueOfFile(table, $"{table.LakePrefix}/{System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(file))}/{System.IO.Path.GetFileName(file)}");
            if (value is null)
            {
                throw new ArgumentException($"'{file}' is not a partition file of {table.Name} ({column}=<value>/{LakeLayout.PartFileName} or its tail, {LakeLayout.TailFileName}).", nameof(partitionFiles));
            }

            if (!index.TryGetValue(value, out var i))
            {
                index[value] = i = values.Count;
                values.Add(value);
                files.Add([]);
            }

            files[i].Add(file);
        }

        // A partition's file before its tail, whatever order they came in.
        return (values, files.Select(f => f.OrderBy(System.IO.Path.GetFileName, StringComparer.Ordinal).ToArray()).ToList());
    }

    /// <summary>The fingerprints recorded for <paramref name="table"/>'s partitions (partition value → fingerprint).</summary>
    private Dictionary<string, string> RecordedFingerprints(TableSchema table, CancellationToken cancellationToken)
    {
        var sql = LoadPartitionsSql.Read(table);
        Observer?.Invoke(sql);
        var rows = _connection.Interruptible(cancellationToken, c => c.Query(sql));
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            recorded[(string)rows.Columns[0].GetValue(i)!] = (string)rows.Columns[1].GetValue(i)!;
        }

        return recorded;
    }

    /// <summary>
    /// Deletes the rows and the load records of partitions that <paramref name="values"/> does not hold; returns how
    /// many rows were deleted.
    /// </summary>
    private long Reconcile(TableSchema table, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var partitions = LakePartitionsOf(table);
        return InTransaction(
            table,
            () =>
            {
                CreatePartitionList(table, partitions, values, cancellationToken);
                var deleted = Run(LoadSql.Reconcile(table, partitions), cancellationToken);
                Run($"DROP TABLE {DuckDbSql.Identifier(partitions)}", cancellationToken);
                Run($"{LoadPartitionsSql.Clear(table)} AND {DuckDbSql.Identifier("partition_value")} <> ALL ($1::VARCHAR[])", cancellationToken, values.ToList());
                return (long)deleted;
            },
            cancellationToken);
    }

    /// <summary>Merges the Parquet files (paths or globs) <paramref name="files"/> into <paramref name="table"/>, in one transaction.</summary>
    private LoadResult LoadFrom(TableSchema table, string[] files, CancellationToken cancellationToken) =>
        LoadFrom(table, files, new Dictionary<string, string>(), null, null, cancellationToken);

    /// <summary>
    /// Merges <paramref name="files"/> into <paramref name="table"/> and records <paramref name="fingerprints"/> as the
    /// loaded partitions, in one transaction. An empty table takes the files straight from <c>read_parquet</c> with a
    /// plain INSERT (<see cref="LoadSql.InsertFrom"/>): no staging copy, no match, and its records are replaced whole.
    /// A non-empty table deletes the staged partitions' rows whose keys the files no longer have, then merges the files
    /// where they lie (<see cref="LoadSql.MergeFrom"/>). With <paramref name="since"/>, all of it keeps to the rows dated
    /// from then on, on both sides (the caller vouches that the files' earlier rows are what the table holds): those rows
    /// are read once into a temporary table, and the MERGE runs as a delete of the changed rows and an insert
    /// (<see cref="LoadSql.DeleteChangedFrom"/>); rows read counts those rows alone. With
    /// <paramref name="rowsFile"/> as well, those rows come from that file (a run's change file, <see cref="ChangedRows"/>)
    /// instead of the partition files, unless it lacks rows of one of the partitions, which a partition always has from
    /// its change on.
    /// </summary>
    private LoadResult LoadFrom(TableSchema table, string[] files, IReadOnlyDictionary<string, string> fingerprints, DateOnly? since, string? rowsFile, CancellationToken cancellationToken)
    {
        return InTransaction(
            table,
            () =>
            {
                var before = Scalar(CountOf(table), cancellationToken);
                if (table.LakePartition is not null)
                {
                    // What the row checks must read next (CheckScopes): the batch's partitions from its bound on, or the whole table.
                    var changed = before == 0 || fingerprints.Count == 0 ? null : fingerprints.Keys.ToList();
                    Run(CheckScopes.Record(table, changed, since), cancellationToken, changed is null ? [] : [changed]);
                }

                if (before == 0)
                {
                    long loaded = 0;
                    foreach (var chunk in files.Chunk(BulkInsertFiles))
                    {
                        loaded += Run(LoadSql.InsertFrom(table, ReadParquet), cancellationToken, chunk.ToList());
                    }

                    if (fingerprints.Count > 0)
                    {
                        Run(LoadPartitionsSql.Clear(table), cancellationToken);
                        Run(LoadPartitionsSql.Insert(table, fingerprints), cancellationToken);
                    }

                    return new LoadResult(table.Name, loaded, loaded, 0, 0, loaded);
                }

                // A whole batch reads every row of its files, counted from their footers; a bounded batch reads its rows from
                // the bound on (counted once staged), which is all a daily load reads of thousands of partitions' files.
                var read = since is null
                    ? Scalar("SELECT CAST(COALESCE(SUM(num_rows), 0) AS BIGINT) FROM parquet_file_metadata($1::VARCHAR[])", cancellationToken, files.ToList())
                    : 0;
                string? stagedPartitions = null;
                if (table.LakePartition is not null && fingerprints.Count > 0)
                {
                    stagedPartitions = StagedPartitionsOf(table);
                    CreatePartitionList(table, stagedPartitions, fingerprints.Keys.ToList(), cancellationToken);
                }

                // The MERGE, the changed-row delete and the insert carry the batch's partitions as constants (each file
                // holds its own partition's rows alone); the delete of missing keys takes them as a list, because as
                // constants they made DuckDB plan its NOT EXISTS as a costlier join.
                var partitions = stagedPartitions is null ? null : fingerprints.Keys.ToArray();
                var stagedList = stagedPartitions is null ? null : DuckDbSql.Identifier(stagedPartitions);
                long deleted, updated, inserted, after, fromChangeFile = 0;
                if (since is { } bound)
                {
                    // A bounded batch's rows from the bound on are few (a day's, per partition): they are read once into a
                    // temporary table, and the MERGE runs as a delete of the changed rows and an insert of the new and
                    // changed ones (LoadSql.DeleteChangedFrom), because DuckDB rewrites at checkpoint every row group an
                    // UPDATE touched, and a day's changes touch them all.
                    var rows = DuckDbSql.Identifier(StagedRowsOf(table));
                    if (rowsFile is not null && stagedPartitions is not null && ReadChangedRows(table, rows, rowsFile, stagedPartitions, bound, cancellationToken))
                    {
                        fromChangeFile = fingerprints.Count;
                    }
                    else
                    {
                        // A batch that reads a change file is not cut at the batch size, so its partition files, read
                        // instead when the change file lacks one of them, go in a bulk insert's number at a time.
                        var chunks = files.Chunk(BulkInsertFiles).ToArray();
                        Run(StageRowsSql(table, rows, bound), cancellationToken, chunks[0].ToList());
                        foreach (var chunk in chunks.Skip(1))
                        {
                            Run($"INSERT INTO {rows} SELECT * FROM {ReadParquet} WHERE {LoadSql.SinceFilter(table, bound)}", cancellationToken, chunk.ToList());
                        }
                    }

                    read = Scalar($"SELECT COUNT(*) FROM {rows}", cancellationToken);
                    deleted = Run(LoadSql.DeleteMissingFrom(table, rows, stagedList, since: bound), cancellationToken);
                    updated = Run(LoadSql.DeleteChangedFrom(table, rows, partitions, bound), cancellationToken);
                    inserted = Run(LoadSql.InsertMissingFrom(table, rows, partitions, bound), cancellationToken) - updated;
                    Run($"DROP TABLE {rows}", cancellationToken);
                    after = Scalar(CountOf(table), cancellationToken);
                }
                else if (read <= WholeBatchReplaceRows && partitions is not null && LoadSql.PartitionFilter(table, partitions) is { } filter)
                {
                    // A small whole batch is mostly partitions whose every row changed (a dividend adjusts a symbol's whole
                    // history): its partitions are replaced, rows deleted by partition and the files inserted, without
                    // reading the old values. Comparing them (a delete of the changed rows) read every column of the
                    // partitions' scattered row groups into a new process's buffers: 2.1–5.5 s a table at 5,000 × 20 for
                    // about 50 partitions, against 65 ms for the delete by partition. The MERGE's UPDATE cost more still
                    // (DuckDB rewrote every row group it touched at commit).
                    deleted = Run(LoadSql.DeleteMissingFrom(table, ReadParquet, stagedList), cancellationToken, files.ToList());
                    updated = Run($"DELETE FROM {DuckDbSql.Identifier(table.Name)} AS t WHERE {filter}", cancellationToken);
                    inserted = Run(LoadSql.InsertFrom(table, ReadParquet), cancellationToken, files.ToList()) - updated;
                    after = Scalar(CountOf(table), cancellationToken);
                }
                else
                {
                    // A large whole batch reads its files where they lie: a copy of every row of 500 partitions cost more than it
                    // saved (a reload of 5,000 × 20 years with every partition whole: 160 s of CPU and 2.4 GiB against 67 s
                    // and 1.8 GiB), and whole partitions whose rows did not change (a new build's fingerprints) update none.
                    deleted = Run(LoadSql.DeleteMissingFrom(table, ReadParquet, stagedList), cancellationToken, files.ToList());
                    var merged = Run(LoadSql.MergeFrom(table, ReadParquet, partitions), cancellationToken, files.ToList());
                    // The MERGE counts its updates and inserts together; the rows it added are what the count grew by.
                    after = Scalar(CountOf(table), cancellationToken);
                    inserted = after - before + deleted;
                    updated = merged - inserted;
                }

                foreach (var statement in LoadPartitionsSql.Record(table, fingerprints))
                {
                    Run(statement, cancellationToken);
                }

                if (stagedPartitions is not null)
                {
                    Run($"DROP TABLE {DuckDbSql.Identifier(stagedPartitions)}", cancellationToken);
                }

                return new LoadResult(table.Name, read, inserted, updated, deleted, after) { PartitionsFromChangeFiles = fromChangeFile };
            },
            cancellationToken);
    }

    /// <summary>Creates the temporary table <paramref name="rows"/> from the rows dated from <paramref name="bound"/> on of the Parquet files of parameter $1.</summary>
    private static string StageRowsSql(TableSchema table, string rows, DateOnly bound) =>
        $"CREATE OR REPLACE TEMP TABLE {rows} AS SELECT * FROM {ReadParquet} WHERE {LoadSql.SinceFilter(table, bound)}";

    /// <summary>
    /// Reads into the temporary table <paramref name="rows"/> the rows of <paramref name="rowsFile"/> dated from
    /// <paramref name="bound"/> on that belong to the partitions listed in <paramref name="stagedPartitions"/>; false,
    /// leaving no such table, when a listed partition has none there, and the caller then reads the partition files. A
    /// partition changed from a date on always has rows there, so a missing one means the file is not the one its
    /// writer named (changed by hand, say). Only presence is checked: the rows themselves are trusted as the partition's
    /// own, as the state that names the file is (the run ids that name change files are unique per run).
    /// </summary>
    private bool ReadChangedRows(TableSchema table, string rows, string rowsFile, string stagedPartitions, DateOnly bound, CancellationToken cancellationToken)
    {
        var column = DuckDbSql.Identifier(table.LakePartition!);
        var list = DuckDbSql.Identifier(stagedPartitions);
        Run($"{StageRowsSql(table, rows, bound)} AND {column} IN (SELECT {column} FROM {list})", cancellationToken, new List<string> { rowsFile });
        var missing = Scalar($"SELECT COUNT(*) FROM {list} AS p WHERE NOT EXISTS (SELECT 1 FROM {rows} AS r WHERE r.{column} = p.{column})", cancellationToken);
        if (missing == 0)
        {
            return true;
        }

        _log.Warning("The change file {File} has no rows of {Missing} of the partitions of {Table} it should hold from {Bound:yyyy-MM-dd} on; they are read from their partition files", rowsFile, missing, table.Name, bound);
        Run($"DROP TABLE {rows}", cancellationToken);
        return false;
    }

    /// <summary>
    /// The most rows a whole batch (partitions merged from their first row) may read to have its partitions replaced (their
    /// rows deleted, the files inserted) rather than merged: a day's symbols whose whole history changed stay under it, and
    /// a reload of 500 partitions of years of rows, most of them unchanged, keeps the MERGE, which reads the files once and
    /// counts the rows whose values changed.
    /// </summary>
    public long WholeBatchReplaceRows { get; set; } = 1_000_000;

    /// <summary>
    /// Files per statement of an empty table's bulk insert (all in one transaction): DuckDB's reader of a statement's
    /// files holds memory outside its buffer pool's limit that grows with their number (at 5,000 symbols × 20 years, one
    /// statement over 5,000 files peaked 0.5 GiB above <see cref="MemoryLimit"/>, statements of 1,000 files 0.26 GiB), at
    /// no measurable cost in CPU.
    /// </summary>
    public const int BulkInsertFiles = 1000;

    /// <summary>
    /// The relation a load reads its files from: the Parquet files of parameter $1. DuckDB matches each file's columns to
    /// the first file's by name and fails the statement, naming the file, when one lacks a column. Not
    /// <c>union_by_name</c>: that reads every file's schema before the first row and would give a file lacking an
    /// optional column NULLs where this fails; with it, the load of a 1,000 × 10-year lake into an empty warehouse took
    /// 7.2–7.4 s, without it 6.2–7.0 s.
    /// </summary>
    private const string ReadParquet = "read_parquet($1::VARCHAR[])";

    private static string CountOf(TableSchema table) => $"SELECT COUNT(*) FROM {DuckDbSql.Identifier(table.Name)}";

    /// <summary>The temporary table holding the rows a batch of <paramref name="table"/>'s partition files brings (from its bound on).</summary>
    private static string StagedRowsOf(TableSchema table) => "staged_rows_" + table.Name;

    /// <summary>The temporary table listing the partitions of <paramref name="table"/> whose files a batch staged.</summary>
    public static string StagedPartitionsOf(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return "staged_partitions_" + table.Name;
    }

    /// <summary>Creates the temporary table <paramref name="name"/> with one row per partition value, typed as the table's lake partition column.</summary>
    private void CreatePartitionList(TableSchema table, string name, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var column = table.LakePartition!;
        Run($"CREATE OR REPLACE TEMP TABLE {DuckDbSql.Identifier(name)} AS SELECT CAST(unnest($1::VARCHAR[]) AS {DuckDbSql.TypeOf(table.Field(column).ColumnType)}) AS {DuckDbSql.Identifier(column)}", cancellationToken, values.ToList());
    }

    /// <summary>The temporary table listing the partitions of <paramref name="table"/> the lake holds.</summary>
    public static string LakePartitionsOf(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return "lake_partitions_" + table.Name;
    }

    /// <summary>
    /// Runs <paramref name="work"/> between BEGIN and COMMIT. On failure it rolls back; when the rollback fails too
    /// (DuckDB may already have aborted the transaction), that is logged and the original error is what propagates.
    /// </summary>
    private T InTransaction<T>(TableSchema table, Func<T> work, CancellationToken cancellationToken)
    {
        Run("BEGIN TRANSACTION", cancellationToken);
        T result;
        try
        {
            result = work();
        }
        catch (Exception original)
        {
            try
            {
                Run("ROLLBACK", CancellationToken.None);
            }
            catch (DuckDBException rollback)
            {
                _log.Warning(rollback, "Rolling back the load of {Table} failed after {Error}; the load's own error is the one reported", table.Name, original.Message);
            }

            throw;
        }

        Run("COMMIT", cancellationToken);
        return result;
    }

    /// <summary>
    /// Creates (or replaces) the mart views in their declared order, after refreshing the table of
    /// symbols the correlation mart pairs.
    /// </summary>
    public void CreateMarts(MartCatalog marts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marts);
        var table = DuckDbSql.Identifier(MartCatalog.CorrelationTable);
        Run($"CREATE OR REPLACE TABLE {table} (symbol VARCHAR NOT NULL)", cancellationToken);
        if (marts.CorrelationSymbols.Count > 0)
        {
            Run($"INSERT INTO {table} SELECT unnest($1::VARCHAR[])", cancellationToken, marts.CorrelationSymbols.Select(s => s.Value).ToList());
        }

        foreach (var view in marts.Views)
        {
            Run($"CREATE OR REPLACE VIEW {DuckDbSql.Identifier(view.Name)} AS {view.Sql}", cancellationToken);
        }
    }

    /// <summary>Runs one statement of the shared SQL; DuckDB's interrupt stops it when <paramref name="cancellationToken"/> fires.</summary>
    public int Execute(string sql, CancellationToken cancellationToken) => Run(sql, cancellationToken);

    /// <summary>The log the warehouse writes to.</summary>
    internal ILogger Log => _log;

    /// <summary>Every statement the warehouse runs, as it runs it (for the golden test of a load's statements).</summary>
    internal Action<string>? Observer { get; set; }

    private int Run(string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        Timed(sql, () => _connection.Interruptible(cancellationToken, c => c.Execute(sql, parameters)));

    private long Scalar(string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        Timed(sql, () => _connection.Interruptible(cancellationToken, c => c.Scalar<long>(sql, parameters)));

    /// <summary>Runs one statement, shown to <see cref="Observer"/> first and logged at debug level with its time and result.</summary>
    private T Timed<T>(string sql, Func<T> run)
    {
        Observer?.Invoke(sql);
        var started = Stopwatch.GetTimestamp();
        var result = run();
        _log.Debug("{Ms} ms, {Result}: {Sql}", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, result, sql.Length > 300 ? sql[..300] : sql);
        return result;
    }

    public long RowCount(string table) => _connection.Scalar<long>($"SELECT COUNT(*) FROM {DuckDbSql.Identifier(table)}");

    public void Dispose() => _connection.Dispose();
}
