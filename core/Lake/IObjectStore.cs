namespace StockLakehouse.Core.Lake;

/// <summary>
/// The lake's object store: a local directory here, a GCS bucket in the cloud. Keys are '/'-separated
/// relative paths such as <c>raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-1a2b.json</c>.
/// Every write is all-or-nothing: a reader never sees a partly written object.
/// <para>
/// Three kinds of write, by what the caller knows: <see cref="CreateAsync"/> for objects that are written once
/// (raw bodies, request markers, repaired metadata); <see cref="ReplaceAsync"/> for objects that are read, changed
/// and written back (watermarks), so that a writer who read an older version cannot overwrite a newer one; and
/// <see cref="PutAsync"/> only where the writer's bytes are right whatever is there (a run's manifest, a partition
/// rebuilt from its whole input, the metadata of a body the writer itself created).
/// </para>
/// <para>
/// A key written with <see cref="ReplaceAsync"/> is never written with <see cref="PutAsync"/> (nor
/// <see cref="PublishFileAsync"/>): an unconditional write may land between a local replace's comparison and its
/// rename and be overwritten unseen. Watermarks and a bucket lake's writer lock (<c>_state/writer.lock</c>) are the only
/// replaced keys.
/// </para>
/// </summary>
public interface IObjectStore
{
    /// <summary>Where the lake lives, for people: a directory path or a gs:// URI.</summary>
    string Location { get; }

    /// <summary>Writes a new object; returns false, writing nothing, when <paramref name="key"/> already exists.</summary>
    Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="objects"/> create-only, in their order, stopping at the first whose key already exists;
    /// returns how many were created (always the first ones). No object becomes visible before those ahead of it, and
    /// each is visible only when it is whole. A store may prepare them all at once — the local store writes and
    /// flushes every staging file together, then links them in order — where this default creates one after another.
    /// When it throws part-way, the first some may exist and the rest do not, as after a crash between them.
    /// </summary>
    async Task<int> CreateInOrderAsync(IReadOnlyList<NewObject> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var created = 0;
        while (created < objects.Count
            && await CreateAsync(objects[created].Key, objects[created].Content, cancellationToken).ConfigureAwait(false))
        {
            created++;
        }

        return created;
    }

    /// <summary>Writes or atomically replaces an object.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// A local file path a writer (for example DuckDB's Parquet writer) may fill before
    /// <see cref="PublishFileAsync"/> makes it the object <paramref name="key"/>.
    /// </summary>
    string StagingPath(string key);

    /// <summary>
    /// Atomically replaces the object <paramref name="key"/> with the staged file from <see cref="StagingPath"/>. The
    /// file is gone once the object is written; when the write fails it stays, and the caller deletes it.
    /// </summary>
    Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="files"/> as <see cref="PublishFileAsync"/> does, then writes, as <see cref="PutAsync"/>
    /// does, the objects <paramref name="then"/> makes from how the store lists the published files (size and
    /// fingerprint, in the order of <paramref name="files"/>), and returns those listings. No object of
    /// <paramref name="then"/> becomes visible before every file is; the files have no order among themselves. A store
    /// may prepare everything at once — the local store flushes the staged files and the objects' staging files
    /// together, then renames them in order — where this default publishes the files side by side, lists them and then
    /// writes the objects one after another. When it throws part-way, some files may be published and the objects
    /// not, as after a crash between them; a staged file that was not published stays, and the caller deletes it.
    /// </summary>
    async Task<IReadOnlyList<ObjectInfo>> PublishFilesThenPutAsync(IReadOnlyList<StagedFile> files, Func<IReadOnlyList<ObjectInfo>, IReadOnlyList<NewObject>> then, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(then);

        await SideBySidePublish.RunAsync(this, files, cancellationToken).ConfigureAwait(false);
        var published = new ObjectInfo[files.Count];
        for (var i = 0; i < published.Length; i++)
        {
            await foreach (var info in ListAsync(files[i].Key, cancellationToken).ConfigureAwait(false))
            {
                if (info.Key == files[i].Key)
                {
                    published[i] = info;
                    break;
                }
            }

            _ = published[i] ?? throw new IOException($"The object '{files[i].Key}' was published but the store does not list it.");
        }

        foreach (var put in then(published))
        {
            await PutAsync(put.Key, put.Content, cancellationToken).ConfigureAwait(false);
        }

        return published;
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The object's bytes and the version they were read at, or null when it does not exist.</summary>
    Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the object only while it is still at <paramref name="version"/> (from <see cref="ReadVersionedAsync"/>);
    /// returns false, writing nothing, when another writer has replaced it since, or when the object does not exist. An
    /// object that does not exist yet is written with <see cref="CreateAsync"/>, which fails the same way when another
    /// writer was first.
    /// <para>
    /// What "still at" means depends on the store: on GCS the version is the generation, so any write since the read
    /// refuses the replace; locally it is a hash of the content, so an object changed from A to B and back to A since
    /// the read is still "at" A and the replace goes through. That is harmless for values that only move forward, such
    /// as watermarks (they never return to an earlier value); anything that needs every intervening write detected
    /// cannot rely on the local store.
    /// </para>
    /// </summary>
    Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the object; nothing when there is none. Only for objects the lake no longer needs and nothing else
    /// writes (a run's superseded change files, a silver or gold partition's tail before the partition is written as one file):
    /// raw objects, watermarks and partitions' own files are never deleted.
    /// </summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in ordinal key order; staging files are never listed.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// The folders directly under <paramref name="prefix"/> (which ends with '/'), in ordinal order, each with a token that
    /// changes whenever an object directly in it is added, removed or renamed, without listing their objects; null when the
    /// store keeps no such token (a bucket has no folders), and the caller lists the objects instead.
    /// </summary>
    Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FolderInfo>?>(null);

    /// <summary>
    /// The prefixes of the folders directly under <paramref name="prefix"/> (which ends with '/'), each ending with '/',
    /// in ordinal order, without listing their objects: what a caller needs to list only some of them when it can tell
    /// by a folder's name alone which hold what it wants (an ingest date). A bucket gives the common prefixes of its
    /// object names up to the next '/' (each holds at least one object); a store without folders gives null, and the
    /// caller lists the objects instead. By default, the folders <see cref="ListFoldersAsync"/> gives.
    /// </summary>
    async Task<IReadOnlyList<string>?> ListFolderPrefixesAsync(string prefix, CancellationToken cancellationToken) =>
        (await ListFoldersAsync(prefix, cancellationToken).ConfigureAwait(false))?.Select(f => f.Prefix).ToArray();

    /// <summary>A local path through which an engine can read the object directly, or null when it must be downloaded.</summary>
    string? LocalPath(string key);
}
