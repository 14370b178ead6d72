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
        catch (HttpRequestException e)
        {
            return new FetchResult(new ResponseVerdict(RequestOutcome.NetworkError, _redactor.Redact($"The request failed: {e.Message}")), null, 1);
        }
        catch (IOException e)
        {
            // HttpIOException: the connection broke off mid-body (a truncated transfer); or a local file could not be read.
            return new FetchResult(new ResponseVerdict(RequestOutcome.NetworkError, _redactor.Redact($"Reading the answer failed: {e.Message}")), null, 1);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: the transport gave up on its own (SocketsHttpHandler's connect timeout
            // surfaces as a TaskCanceledException wrapping a TimeoutException). A timeout, retried like one.
            return new FetchResult(new ResponseVerdict(RequestOutcome.Timeout, _redactor.Redact($"The transport gave up: {e.InnerException?.Message ?? e.Message}")), null, 1);
        }

        var safe = response with { Url = _redactor.Redact(response.Url) };
        var verdict = _source.Classifier.Classify(request, safe);
        return new FetchResult(verdict with { Detail = _redactor.Redact(verdict.Detail) }, safe, 1);
    }
}
