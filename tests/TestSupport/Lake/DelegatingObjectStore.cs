using StockLakehouse.Core.Lake;

namespace StockLakehouse.TestSupport.Lake;

/// <summary>
/// An object store that passes every call to <paramref name="inner"/>; tests override the calls they change.
/// <see cref="IObjectStore.CreateInOrderAsync"/> is passed on too (no test overrides single creates), so a wrapped
/// local store stages and links as it does in a run; <see cref="IObjectStore.PublishFilesThenPutAsync"/> keeps the
/// interface's default, made of <see cref="PublishFileAsync"/> and <see cref="PutAsync"/>, so an override of those
/// sees each of its writes.
/// </summary>
public abstract class DelegatingObjectStore(IObjectStore inner) : IObjectStore
{
    public string Location => inner.Location;

    public virtual Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.CreateAsync(key, content, cancellationToken);

    public virtual Task<int> CreateInOrderAsync(IReadOnlyList<NewObject> objects, CancellationToken cancellationToken) => inner.CreateInOrderAsync(objects, cancellationToken);

    public virtual Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public virtual string StagingPath(string key) => inner.StagingPath(key);

    public virtual Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken) => inner.PublishFileAsync(key, stagedPath, cancellationToken);

    public virtual Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public virtual Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) => inner.ReadVersionedAsync(key, cancellationToken);

    public virtual Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(key, content, version, cancellationToken);

    public virtual Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public virtual Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public virtual IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public virtual Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken) => inner.ListFoldersAsync(prefix, cancellationToken);

    public virtual Task<IReadOnlyList<string>?> ListFolderPrefixesAsync(string prefix, CancellationToken cancellationToken) => inner.ListFolderPrefixesAsync(prefix, cancellationToken);

    public virtual string? LocalPath(string key) => inner.LocalPath(key);
}
