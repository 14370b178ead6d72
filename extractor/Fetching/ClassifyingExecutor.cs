using StockLakehouse.Core.Transport;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Secrets;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// The innermost step: one attempt at the source, its answer classified, transport failures turned into a
/// verdict, and every detail passed through the source's redactor so no secret leaves in a message.
/// </summary>
internal sealed class ClassifyingExecutor : IRequestExecutor
{
    private readonly IRawSource _source;
    private readonly SecretRedactor _redactor;

    public ClassifyingExecutor(IRawSource source, SecretRedactor redactor)
    {
        _source = source;
        _redactor = redactor;
    }

    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        SourceResponse response;
        try
        {
            response = await _source.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e, cancellationToken))
        {
            // The one transient rule: a failed or broken connection (HttpIOException: a body cut off mid-transfer; or a
            // local file that could not be read), or a transport that gave up on its own (SocketsHttpHandler's connect
            // timeout surfaces as a TaskCanceledException wrapping a TimeoutException) — not the caller's cancellation.
            var (outcome, detail) = e switch
            {
                _ when TransientFaults.IsTimeout(e) => (RequestOutcome.Timeout, $"The transport gave up: {e.InnerException?.Message ?? e.Message}"),
                IOException => (RequestOutcome.NetworkError, $"Reading the answer failed: {e.Message}"),
                _ => (RequestOutcome.NetworkError, $"The request failed: {e.Message}"),
            };
            return new FetchResult(new ResponseVerdict(outcome, _redactor.Redact(detail)), null, 1);
        }

        var safe = response with { Url = _redactor.Redact(response.Url) };
        var verdict = _source.Classifier.Classify(request, safe);
        return new FetchResult(verdict with { Detail = _redactor.Redact(verdict.Detail) }, safe, 1);
    }
}
