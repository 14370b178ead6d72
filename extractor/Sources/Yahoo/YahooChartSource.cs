using System.Globalization;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources.Http;

namespace StockLakehouse.Extractor.Sources.Yahoo;

/// <summary>
/// Yahoo Finance chart v8 daily bars with dividend and split events:
/// <c>GET /v8/finance/chart/{symbol}?period1=…&amp;period2=…&amp;interval=1d&amp;events=div,splits</c>.
/// </summary>
internal sealed class YahooChartSource : IRawSource
{
    private readonly YahooOptions _options;
    private readonly HttpFetcher _fetcher;
    private readonly KeyValuePair<string, string>[] _headers;

    public YahooChartSource(YahooOptions options, HttpFetcher fetcher)
    {
        _options = options;
        _fetcher = fetcher;
        _headers = [new("User-Agent", options.UserAgent), new("Accept", "application/json")];
    }

    public string Name => LakeNames.Yahoo;

    public string Dataset => LakeNames.Chart;

    public RawFormat Format => RawFormat.Json;

    public RequestScope Scope => RequestScope.SymbolRange;

    public IResponseClassifier Classifier { get; } = new ResponseClassifier(YahooChartReader.Instance);

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = ChartUrl(_options.BaseUrl, request.Subject, request.From, request.To);
        return _fetcher.GetAsync(url, url.AbsoluteUri, _headers, cancellationToken);
    }

    public static Uri ChartUrl(Uri baseUrl, string symbol, DateOnly from, DateOnly toInclusive)
    {
        var (period1, period2) = YahooPeriod.Of(from, toInclusive);
        var relative = string.Create(
            CultureInfo.InvariantCulture,
            $"v8/finance/chart/{Uri.EscapeDataString(symbol)}?period1={period1}&period2={period2}&interval=1d&events=div,splits");
        return new Uri(WithTrailingSlash(baseUrl), relative);
    }

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
