using StockLakehouse.Extractor.Fetching;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>Where to ask Alpha Vantage, with which key, for which datasets, and within which limits.</summary>
public sealed record AlphaVantageOptions
{
    public static Uri DefaultBaseUrl { get; } = new("https://www.alphavantage.co/");

    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>A file holding the API key; when null the key comes from <see cref="ApiKeyVariable"/>.</summary>
    public string? ApiKeyFile { get; init; }

    public string ApiKeyVariable { get; init; } = AlphaVantageKey.EnvironmentVariable;

    /// <summary>The free tier's daily cap; requests beyond it in one run are not sent.</summary>
    public int RequestsPerDay { get; init; } = 25;

    public int RequestsPerMinute { get; init; } = 5;

    /// <summary>The datasets to land, each a separate extract; they share the key, so they share the limits.</summary>
    public IReadOnlyList<AlphaVantageDataset> Datasets { get; init; } = [AlphaVantageDataset.TimeSeriesDaily];

    /// <summary>outputsize=full (20+ years) instead of compact (the last 100 sessions); full is premium-only.</summary>
    public bool FullOutput { get; init; }

    /// <summary>How long to wait after a per-minute throttle notice, which carries no Retry-After.</summary>
    public TimeSpan ThrottleWait { get; init; } = TimeSpan.FromMinutes(1);

    public HttpRequestPolicy Policy { get; init; } = HttpRequestPolicy.Default;
}
