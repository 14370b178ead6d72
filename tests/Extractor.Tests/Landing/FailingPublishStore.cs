using StockLakehouse.TestSupport.Lake;

namespace StockLakehouse.Extractor.Tests.Landing;

/// <summary>
/// A store that stages a create-in-order as the local store does (every staging file written and flushed) and then
/// fails before the first is published, as a process stopped between the two would: nothing must become visible.
/// Only the creates <paramref name="fails"/> picks fail; the others go through.
/// </summary>
internal sealed class FailingPublishStore(LocalDirectoryObjectStore inner, Func<IReadOnlyList<NewObject>, bool> fails) : DelegatingObjectStore(inner), IObjectStore
{
    public async Task<int> CreateInOrderAsync(IReadOnlyList<NewObject> objects, CancellationToken cancellationToken)
    {
        if (!fails(objects))
        {
            return await inner.CreateInOrderAsync(objects, cancellationToken);
        }

        using var stop = new CancellationTokenSource();
        var staged = inner.CreateInOrderAsync(objects, stop.Token);
        await stop.CancelAsync();
        try
        {
            await staged;
        }
        catch (OperationCanceledException e)
        {
            throw new IOException("The writer stopped between staging and publishing.", e);
        }

        throw new IOException("The writer stopped after publishing, which this store should never reach.");
    }
}
