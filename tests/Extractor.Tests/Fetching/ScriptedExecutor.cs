namespace StockLakehouse.Extractor.Tests.Fetching;

/// <summary>An executor that answers with the given verdicts in order (the last one repeats) and counts its calls.</summary>
internal sealed class ScriptedExecutor : IRequestExecutor
{
    private readonly Queue<ResponseVerdict> _verdicts;
    private int _calls;

    public ScriptedExecutor(params ResponseVerdict[] verdicts)
    {
        _verdicts = new Queue<ResponseVerdict>(verdicts);
    }

    public int Calls => Volatile.Read(ref _calls);

    public static ResponseVerdict Verdict(RequestOutcome outcome, TimeSpan? retryAfter = null) => new(outcome, outcome.ToSnakeCase()) { RetryAfter = retryAfter };

    public Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        var verdict = _verdicts.Count > 1 ? _verdicts.Dequeue() : _verdicts.Peek();
        return Task.FromResult(new FetchResult(verdict, null, 1));
    }
}
