namespace StockLakehouse.Extractor.Tests.Landing;

/// <summary>A chart source that answers with a real-format Yahoo chart body for the symbol and counts how often each symbol was fetched.</summary>
internal sealed class CountingChartSource : IChartSource
{
    private readonly Dictionary<string, int> _fetches = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name => "yahoo";

    public string Dataset => "chart";

    public Func<Symbol, int> Status { get; init; } = _ => 200;

    public Func<Symbol, byte[]> Body { get; init; } = s => Fixtures.YahooChartFor(s.Value);

    public int Fetches(string symbol)
    {
        lock (_gate)
        {
            return _fetches.GetValueOrDefault(symbol);
        }
    }

    public int TotalFetches
    {
        get
        {
            lock (_gate)
            {
                return _fetches.Values.Sum();
            }
        }
    }

    public Task<SourceResponse> FetchAsync(Symbol symbol, DateOnly from, DateOnly toInclusive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _fetches[symbol.Value] = _fetches.GetValueOrDefault(symbol.Value) + 1;
        }

        return Task.FromResult(new SourceResponse(Status(symbol), $"https://example.test/{symbol}", Body(symbol), DateTimeOffset.UnixEpoch));
    }
}
