using StockLakehouse.Extractor.Secrets;

namespace StockLakehouse.Extractor.Tests.Fetching;

public sealed class ClassifyingExecutorTests
{
    private static readonly RawRequest Request = new("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));

    [Fact]
    public async Task A_transport_timeout_is_a_retryable_timeout_not_a_cancellation()
    {
        // SocketsHttpHandler's ConnectTimeout surfaces as a TaskCanceledException wrapping a TimeoutException.
        var executor = new ClassifyingExecutor(new ThrowingSource(new TaskCanceledException("A task was canceled.", new TimeoutException("connect timed out"))), SecretRedactor.UrlsOnly);

        var result = await executor.ExecuteAsync(Request, CancellationToken.None);

        Assert.Equal(RequestOutcome.Timeout, result.Verdict.Outcome);
        Assert.Contains("connect timed out", result.Verdict.Detail, StringComparison.Ordinal);
        Assert.True(result.Verdict.Outcome.IsRetryable());
    }

    [Fact]
    public async Task The_callers_cancellation_still_cancels()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var executor = new ClassifyingExecutor(new ThrowingSource(new TaskCanceledException("cancelled", null, cancelled.Token)), SecretRedactor.UrlsOnly);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.ExecuteAsync(Request, cancelled.Token));
    }

    private sealed class ThrowingSource(Exception failure) : IRawSource
    {
        public string Name => "yahoo";

        public string Dataset => "chart";

        public RawFormat Format => RawFormat.Json;

        public RequestScope Scope => RequestScope.SymbolRange;

        public IResponseClassifier Classifier => throw new InvalidOperationException("Nothing reaches the classifier.");

        public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken) => Task.FromException<SourceResponse>(failure);
    }
}
