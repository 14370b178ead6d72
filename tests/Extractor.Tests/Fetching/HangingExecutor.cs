namespace StockLakehouse.Extractor.Tests.Fetching;

/// <summary>An executor whose answer never comes: it waits until its token is cancelled.</summary>
internal sealed class HangingExecutor : IRequestExecutor
{
    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay never completes.");
    }
}
