using DuckDB.NET.Data;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The embedded warehouse: one DuckDB file with a table per schemas/ declaration. Loads are idempotent:
/// the lake's Parquet files are read into a staging table and merged into the target by the table's key,
/// rows whose values did not change are left alone, and rows of the loaded partitions that the lake no
/// longer has are deleted. Loading the same lake twice changes nothing.
/// </summary>
public sealed class DuckDbWarehouse : IDisposable
{
    private readonly DuckDBConnection _connection;

    private DuckDbWarehouse(string path, DuckDBConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    public DuckDBConnection Connection => _connection;

    /// <summary>Opens (creating if needed) the warehouse file at <paramref name="path"/>, creating its folder too.</summary>
    /// <exception cref="IOException">DuckDB could not open the file (another process holds it, it is no DuckDB database, …); the message names the path and DuckDB's reason.</exception>
    public static DuckDbWarehouse Open(string path)
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
            return new DuckDbWarehouse(path, connection);
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
    public static string MemoryLimit { get; set; } = "2GB";

    /// <summary>Creates the tables of <paramref name="catalog"/> that do not exist yet, with NOT NULL on REQUIRED columns.</summary>
    public void EnsureTables(SchemaCatalog catalog)
    {
        foreach (var table in catalog.Tables)
        {
            EnsureTable(table);
        }
    }

    /// <summary>Creates <paramref name="table"/> when it does not exist yet, with NOT NULL on REQUIRED columns and the descriptions as comments.</summary>
    public void EnsureTable(TableSchema table)
    {
        _connection.Execute($"CREATE TABLE IF NOT EXISTS {DuckDbSql.Identifier(table.Name)} ({DuckDbSql.ColumnDefinitions(table, notNull: true)})");
        foreach (var field in table.Fields)
        {
            _connection.Execute($"COMMENT ON COLUMN {DuckDbSql.Identifier(table.Name)}.{DuckDbSql.Identifier(field.Name)} IS {DuckDbSql.Literal(field.Description)}");
        }

        _connection.Execute($"COMMENT ON TABLE {DuckDbSql.Identifier(table.Name)} IS {DuckDbSql.Literal(table.Description)}");
    }

    /// <summary>Merges the Parquet files matching <paramref name="parquetGlob"/> into <paramref name="table"/>, in one transaction.</summary>
    public LoadResult Load(TableSchema table, string parquetGlob) => LoadFrom(table, [parquetGlob]);

    /// <summary>
    /// Merges partition files into <paramref name="table"/> <paramref name="batchSize"/> partitions at a time,
    /// one transaction per batch, so the staging data and the MERGE's working memory are bounded by a batch
    /// rather than by the whole lake. Each batch is idempotent on its own: a load stopped part-way leaves whole
    /// partitions loaded, and rerunning it finishes the rest and changes nothing else.
    /// </summary>
    public LoadResult LoadPartitions(TableSchema table, IReadOnlyList<string> partitionFiles, int batchSize, IProgress<StageProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(partitionFiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long read = 0, inserted = 0, updated = 0, deleted = 0;
        var after = RowCount(table.Name);
        for (var start = 0; start < partitionFiles.Count; start += batchSize)
        {
            var result = LoadFrom(table, partitionFiles.Skip(start).Take(batchSize).ToArray());
            (read, inserted, updated, deleted, after) = (read + result.RowsRead, inserted + result.Inserted, updated + result.Updated, deleted + result.Deleted, result.RowsAfter);
            progress?.Report(new StageProgress($"load {table.Name}", Math.Min(start + batchSize, partitionFiles.Count), partitionFiles.Count));
        }

        return new LoadResult(table.Name, read, inserted, updated, deleted, after);
    }

    /// <summary>Merges the Parquet files (paths or globs) <paramref name="files"/> into <paramref name="table"/>, in one transaction.</summary>
    private LoadResult LoadFrom(TableSchema table, string[] files)
    {
        var target = DuckDbSql.Identifier(table.Name);
        var columns = table.Fields.Select(f => DuckDbSql.Identifier(f.Name)).ToArray();
        var keyMatch = string.Join(" AND ", table.Key.Select(k => $"t.{DuckDbSql.Identifier(k)} = s.{DuckDbSql.Identifier(k)}"));
        var changed = string.Join(" OR ", table.Fields.Where(f => !table.Key.Contains(f.Name)).Select(f => $"t.{DuckDbSql.Identifier(f.Name)} IS DISTINCT FROM s.{DuckDbSql.Identifier(f.Name)}"));
        var staging = "staging_" + table.Name;
        using var transaction = _connection.BeginTransaction();
        _connection.Execute(
            $"CREATE OR REPLACE TEMP TABLE {staging} AS SELECT {string.Join(", ", columns)} FROM read_parquet($1::VARCHAR[], union_by_name = true)",
            files.ToList());
        var read = _connection.Scalar<long>($"SELECT COUNT(*) FROM {staging}");
        var before = _connection.Scalar<long>($"SELECT COUNT(*) FROM {target}");

        // Rows of the loaded partitions that the lake no longer has (a whole table when it is unpartitioned).
        var scope = table.LakePartition is null
            ? "TRUE"
            : $"t.{DuckDbSql.Identifier(table.LakePartition)} IN (SELECT DISTINCT {DuckDbSql.Identifier(table.LakePartition)} FROM {staging})";
        var deleted = _connection.Scalar<long>($"SELECT COUNT(*) FROM {target} t WHERE {scope} AND NOT EXISTS (SELECT 1 FROM {staging} s WHERE {keyMatch})");
        if (deleted > 0)
        {
            _connection.Execute($"DELETE FROM {target} t WHERE {scope} AND NOT EXISTS (SELECT 1 FROM {staging} s WHERE {keyMatch})");
        }

        var updated = changed.Length == 0 ? 0 : _connection.Scalar<long>($"SELECT COUNT(*) FROM {target} t JOIN {staging} s ON {keyMatch} WHERE {changed}");
        var set = string.Join(", ", table.Fields.Where(f => !table.Key.Contains(f.Name)).Select(f => $"{DuckDbSql.Identifier(f.Name)} = s.{DuckDbSql.Identifier(f.Name)}"));
        var whenMatched = changed.Length == 0 ? string.Empty : $"WHEN MATCHED AND ({changed}) THEN UPDATE SET {set} ";
        _connection.Execute(
            $"MERGE INTO {target} t USING {staging} s ON ({keyMatch}) {whenMatched}WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))})");
        var after = _connection.Scalar<long>($"SELECT COUNT(*) FROM {target}");
        _connection.Execute($"DROP TABLE {staging}");
        transaction.Commit();
        return new LoadResult(table.Name, read, after - before + deleted, updated, deleted, after);
    }

    /// <summary>
    /// Creates (or replaces) the mart views in their declared order, after refreshing the table of
    /// symbols the correlation mart pairs.
    /// </summary>
    public void CreateMarts(MartCatalog marts)
    {
        var table = DuckDbSql.Identifier(MartCatalog.CorrelationTable);
        _connection.Execute($"CREATE OR REPLACE TABLE {table} (symbol VARCHAR NOT NULL)");
        if (marts.CorrelationSymbols.Count > 0)
        {
            _connection.Execute($"INSERT INTO {table} SELECT unnest($1::VARCHAR[])", marts.CorrelationSymbols.Select(s => s.Value).ToList());
        }

        foreach (var view in marts.Views)
        {
            _connection.Execute($"CREATE OR REPLACE VIEW {DuckDbSql.Identifier(view.Name)} AS {view.Sql}");
        }
    }

    public long RowCount(string table) => _connection.Scalar<long>($"SELECT COUNT(*) FROM {DuckDbSql.Identifier(table)}");

    public void Dispose() => _connection.Dispose();
}
