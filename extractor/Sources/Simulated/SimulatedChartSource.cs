using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// The offline default source: the simulated market answering like Yahoo's chart v8 endpoint, so its
/// payloads go through exactly the parsing a real Yahoo response goes through.
/// </summary>
public sealed class SimulatedChartSource : IChartSource
{
    private readonly SimulatedMarket _market;
    private readonly ReferenceData _reference;
    private readonly ulong _seed;
    private readonly TimeProvider _clock;

    public SimulatedChartSource(ulong seed, bool injectDefects, ReferenceData reference, TimeProvider clock)
    {
        var calendar = NyseCalendar.Instance;
        _market = new SimulatedMarket(
            new SimulationOptions(seed, SimulationOptions.DefaultGenesis) { InjectDefects = injectDefects },
            (from, to) => calendar.TradingDays(from, to).ToArray(),
            day => calendar.SessionOpenUtc(day) ?? throw new ArgumentException($"{day:yyyy-MM-dd} is not a trading day."));
        _reference = reference;
        _seed = seed;
        _clock = clock;
    }

    public string Name => LakeNames.Yahoo;

    public string Dataset => LakeNames.Chart;

    public Task<SourceResponse> FetchAsync(Symbol symbol, DateOnly from, DateOnly toInclusive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var company = _reference.Company(symbol);
        var exchange = _reference.Exchange(company.Mic);
        var instrument = new SimulatedInstrument(symbol, exchange.YahooCodes.FirstOrDefault() ?? company.Mic, exchange.Name, company.Currency);
        var (body, timestamps) = _market.ChartAnswer(instrument, from, toInclusive);
        var url = string.Create(CultureInfo.InvariantCulture, $"simulated://seed={_seed}/v8/finance/chart/{Uri.EscapeDataString(symbol.Value)}?from={from:yyyy-MM-dd}&to={toInclusive:yyyy-MM-dd}&interval=1d&events=div,splits");

        // What the chart holds, known from writing it: the classifier need not parse it back (silver parses it as
        // it parses Yahoo's). The dates are the reader's own: each timestamp's New York date, ascending.
        var dates = Array.ConvertAll(timestamps, TradeDateMemo.Of);
        Array.Sort(dates);
        var written = new SourceReading(body, new PayloadSummary(symbol.Value, timestamps.Length, dates));
        return Task.FromResult(new SourceResponse(200, url, body, _clock.GetUtcNow()) { Written = written });
    }
}
