using StockLakehouse.Core.Domain;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources;

/// <summary>
/// Presents an <see cref="IChartSource"/> (the simulated market, or a test double) as a raw source. Chart sources
/// answer in Yahoo chart v8 format, so their answers are judged exactly like Yahoo's.
/// </summary>
internal sealed class ChartSourceAdapter : IRawSource
{
    private readonly IChartSource _source;

    public ChartSourceAdapter(IChartSource source)
    {
        _source = source;
    }

    public string Name => _source.Name;

    public string Dataset => _source.Dataset;

    public RawFormat Format => RawFormat.Json;

    public RequestScope Scope => RequestScope.SymbolRange;

    public IResponseClassifier Classifier { get; } = new WrittenReadingClassifier(new ResponseClassifier(YahooChartReader.Instance));

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _source.FetchAsync(Symbol.Parse(request.Subject), request.From, request.To, cancellationToken);
    }
}
