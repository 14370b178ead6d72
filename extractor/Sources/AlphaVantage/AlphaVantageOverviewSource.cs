using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>OVERVIEW: the company profile per symbol (name, exchange, sector, industry, …), a snapshot as of the ingest date.</summary>
internal sealed class AlphaVantageOverviewSource : IRawSource
{
    private readonly AlphaVantageClient _client;

    public AlphaVantageOverviewSource(AlphaVantageClient client, AlphaVantageMessages messages)
    {
        _client = client;
        Classifier = new ResponseClassifier(new AlphaVantageOverviewReader(messages));
    }

    public string Name => LakeNames.AlphaVantage;

    public string Dataset => LakeNames.Overview;

    public RawFormat Format => RawFormat.Json;

    public RequestScope Scope => RequestScope.SymbolSnapshot;

    public IResponseClassifier Classifier { get; }

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.QueryAsync([new("function", "OVERVIEW"), new("symbol", AlphaVantageClient.SymbolFor(request.Subject))], cancellationToken);
    }
}
