namespace StockLakehouse.Core.Lake;

/// <summary>Publishes several staged files with <see cref="IObjectStore.PublishFileAsync"/> at once rather than one after another.</summary>
internal static class SideBySidePublish
{
    /// <summary>
    /// Publishes every file, each on its own; returns once all have finished, with the first failure if any failed. A
    /// publish may block on the disk or the network: all but the first go to the thread pool, the first runs here.
    /// </summary>
    public static async Task RunAsync(IObjectStore store, IReadOnlyList<StagedFile> files, CancellationToken cancellationToken)
    {
        var others = files.Skip(1)
            .Select(f => Task.Run(() => store.PublishFileAsync(f.Key, f.StagedPath, cancellationToken), cancellationToken))
            .ToArray();
        try
        {
            if (files.Count > 0)
            {
                await store.PublishFileAsync(files[0].Key, files[0].StagedPath, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Every publish finishes (or fails) before the caller cleans up the staged files.
            await Task.WhenAll(others).ConfigureAwait(false);
        }
    }
}
