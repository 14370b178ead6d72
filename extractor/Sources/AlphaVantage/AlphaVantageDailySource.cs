using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>TIME_SERIES_DAILY: daily bars per symbol. Compact output covers the last 100 sessions whatever the range asked.</summary>
internal sealed class AlphaVantageDailySource : IRawSource
{
    private readonly AlphaVantageClient _client;
    private readonly string _outputSize;

    public AlphaVantageDailySource(AlphaVantageClient client, bool fullOutput, AlphaVantageMessages messages)
    {
        _client = client;
        _outputSize = fullOutput ? "full" : "compact";
        Classifier = new ResponseClassifier(new AlphaVantageDailyReader(messages));
    }

    public string Name => LakeNames.AlphaVantage;

    public string Dataset => LakeNames.TimeSeriesDaily;

    public RawFormat Format => RawFormat.Json;

    public RequestScope Scope => RequestScope.SymbolRange;

    public IResponseClassifier Classifier { get; }

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.QueryAsync(
            [
                new("function", "TIME_SERIES_DAILY"),
                new("symbol", AlphaVantageClient.SymbolFor(request.Subject)),
                new("outputsize", _outputSize),
                new("datatype", "json"),
            ],
            cancellationToken);
    }
}
