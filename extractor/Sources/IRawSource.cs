using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources;

/// <summary>
/// Anything that answers a <see cref="RawRequest"/> with a body to land raw: an HTTP API, the simulated
/// market, a file on disk. A source only fetches; limits, retries and timeouts are decorators around it
/// (see <c>Fetching</c>), and <see cref="Classifier"/> says whether an answer is data or an error.
/// </summary>
internal interface IRawSource
{
    /// <summary>The source's name in the lake layout (raw/source=&lt;name&gt;/).</summary>
    string Name { get; }

    /// <summary>The dataset name in the lake layout (raw/…/dataset=&lt;dataset&gt;/).</summary>
    string Dataset { get; }

    RawFormat Format { get; }

    RequestScope Scope { get; }

    /// <summary>Judges this source's answers: the same rules for a live response and for an imported file.</summary>
    IResponseClassifier Classifier { get; }

    /// <summary>
    /// Fetches one request. Answers of any HTTP status come back as a response; transport failures throw
    /// <see cref="HttpRequestException"/> or <see cref="IOException"/>; cancellation throws
    /// <see cref="OperationCanceledException"/>. The response's URL never carries a secret.
    /// </summary>
    Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken);
}
