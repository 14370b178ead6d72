using StockLakehouse.Extractor.Fetching;

namespace StockLakehouse.Extractor.Sources.Yahoo;

/// <summary>Where and how politely to ask Yahoo's chart v8 endpoint.</summary>
public sealed record YahooOptions
{
    /// <summary>Yahoo answers 429 to clients that do not look like a browser, so the default is a browser's User-Agent.</summary>
    public const string BrowserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    public static Uri DefaultBaseUrl { get; } = new("https://query1.finance.yahoo.com/");

    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    public string UserAgent { get; init; } = BrowserUserAgent;

    /// <summary>Requests in flight at once, whatever the extract's parallelism.</summary>
    public int MaxConcurrency { get; init; } = 2;

    /// <summary>Requests started per second, averaged over a sliding window (fractions allowed: 0.5 is one every 2 s).</summary>
    public double RequestsPerSecond { get; init; } = 2;

    public HttpRequestPolicy Policy { get; init; } = HttpRequestPolicy.Default;
}
