namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>
/// A lake as the extractor's service account sees it in the cloud: under <c>raw/</c> it may create objects but
/// neither overwrite nor delete them (IAM without <c>storage.objects.delete</c>), so an unconditional write of an
/// existing raw key fails as GCS would answer it, with 403.
/// </summary>
internal sealed class CreateOnlyRawStore : IObjectStore
{
    private readonly IObjectStore _inner;

    public CreateOnlyRawStore(IObjectStore inner)
    {
        _inner = inner;
    }

    public List<string> Refused { get; } = [];

    public string Location => _inner.Location;

    public Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => _inner.CreateAsync(key, content, cancellationToken);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (key.StartsWith(LakeLayout.RawRoot + "/", StringComparison.Ordinal) && await _inner.ExistsAsync(key, cancellationToken))
        {
            lock (Refused)
            {
                Refused.Add(key);
            }

            throw new UnauthorizedAccessException($"403: the extractor may create '{key}' but not overwrite it.");
        }

        await _inner.PutAsync(key, content, cancellationToken);
    }

    public string StagingPath(string key) => _inner.StagingPath(key);

    public Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken) =>
        key.StartsWith(LakeLayout.RawRoot + "/", StringComparison.Ordinal)
            ? throw new UnauthorizedAccessException($"403: raw objects are written create-only, not published over '{key}'.")
            : _inner.PublishFileAsync(key, stagedPath, cancellationToken);

    public Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) => _inner.ReadAsync(key, cancellationToken);

    public Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) => _inner.ReadVersionedAsync(key, cancellationToken);

    public Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken) =>
        key.StartsWith(LakeLayout.RawRoot + "/", StringComparison.Ordinal)
            ? throw new UnauthorizedAccessException($"403: the extractor may not replace '{key}'.")
            : _inner.ReplaceAsync(key, content, version, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => _inner.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        key.StartsWith(LakeLayout.RawRoot + "/", StringComparison.Ordinal)
            ? throw new UnauthorizedAccessException($"403: the extractor may not delete '{key}'.")
            : _inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);

    public string? LocalPath(string key) => _inner.LocalPath(key);
}
