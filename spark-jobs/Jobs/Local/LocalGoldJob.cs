using System.Text;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs silver → gold locally: dim_exchange and dim_company as single-file tables, fact_stock_price and
/// fact_technical_indicator per symbol partition from that symbol's silver bars, then dim_date through the
/// year after the later of the run's end and the newest bar.
/// dim_company's history comes from the shipped reference snapshots plus every company file the extractor
/// landed (<c>raw/source=reference/dataset=companies/</c>), each effective from its ingest date; a landed file
/// that cannot be read is skipped whole and quarantined with the reason, never half-applied.
/// </summary>
public sealed class LocalGoldJob
{
    /// <summary>dim_date always covers at least 1990 through the year after the run's end.</summary>
    public static readonly DateOnly CalendarStart = new(1990, 1, 1);

    private readonly LakeContext _lake;

    public LocalGoldJob(LakeContext lake)
    {
        _lake = lake;
    }

    public async Task<StageReport> RunAsync(IReadOnlyList<Symbol> symbols, DateOnly runEnd, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var outputs = new List<string>();
        long rowsOut = 0;
        var dimExchange = DimExchangeBuilder.Build(_lake.Reference.Exchanges);
        outputs.Add(await _lake.Partitions.ReplaceAsync(_lake.Schemas["dim_exchange"], null, dimExchange, cancellationToken).ConfigureAwait(false));
        var companies = await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false);
        var (versions, quarantined) = (companies.Versions, companies.Rejects);
        if (quarantined.Count > 0)
        {
            outputs.Add(await WriteQuarantineAsync(_lake.Schemas["dim_company"], quarantined, cancellationToken).ConfigureAwait(false));
        }

        outputs.Add(await _lake.Partitions.ReplaceAsync(_lake.Schemas["dim_company"], null, DimCompanyBuilder.ToBatch(versions), cancellationToken).ConfigureAwait(false));
        rowsOut += dimExchange.RowCount + versions.Count;

        var silver = _lake.Schemas[DailyBarSilverFunction.TableName];
        var fact = _lake.Schemas["fact_stock_price"];
        var indicators = _lake.Schemas["fact_technical_indicator"];
        var bySymbol = companies.BySymbol;
        var outcomes = await PartitionRunner.RunAsync("gold", symbols, _lake.Parallelism, async (symbol, ct) =>
        {
            var batch = await _lake.Partitions.ReadAsync(silver, symbol.Value, ct).ConfigureAwait(false);
            if (batch is null)
            {
                return (In: 0, Out: 0, Key: (string?)null, Last: (DateOnly?)null, Reject: (QuarantineRecord?)null);
            }

            var bars = DailyBarBatch.FromBatch(symbol, batch);
            var own = bySymbol[symbol].ToArray();
            if (GoldPartitionFunction.RejectUnknownCompany(bars, own, LakeLayout.Partition(silver, symbol.Value)) is { } reject)
            {
                return (In: bars.Count, Out: 0, Key: null, Last: null, Reject: reject);
            }

            var gold = GoldPartitionFunction.Compute(bars, own);
            var key = await _lake.Partitions.ReplaceAsync(fact, symbol.Value, gold.Facts, ct).ConfigureAwait(false);
            await _lake.Partitions.ReplaceAsync(indicators, symbol.Value, gold.Indicators, ct).ConfigureAwait(false);
            return (In: bars.Count, Out: gold.Facts.RowCount + gold.Indicators.RowCount, Key: key, Last: bars.Count > 0 ? bars.TradeDate[^1] : (DateOnly?)null, Reject: null);
        }, progress, cancellationToken).ConfigureAwait(false);

        var unknown = outcomes.Select(o => o.Reject).OfType<QuarantineRecord>().OrderBy(r => r.Symbol, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            outputs.Add(await WriteQuarantineAsync(fact, unknown, cancellationToken).ConfigureAwait(false));
        }

        // dim_date covers the run's end and every bar in the lake (a lake may hold later data than --end),
        // through the end of the following year.
        var dimDate = DimDateBuilder.Build(CalendarStart, CalendarEnd(runEnd, outcomes.Select(o => o.Last).OfType<DateOnly>()));
        outputs.Add(await _lake.Partitions.ReplaceAsync(_lake.Schemas["dim_date"], null, dimDate, cancellationToken).ConfigureAwait(false));
        rowsOut += dimDate.RowCount;

        outputs.AddRange(outcomes.Select(o => o.Key).OfType<string>());
        return new StageReport(
            "gold",
            outcomes.Sum(o => (long)o.In),
            rowsOut + outcomes.Sum(o => (long)o.Out),
            quarantined.Concat(unknown).GroupBy(q => q.Reason).ToDictionary(g => g.Key, g => (long)g.Count()),
            3 + (2 * outcomes.Count(o => o.Key is not null)),
            outputs);
    }

    /// <summary>Every symbol with a silver partition in the lake, in ordinal order (gold's input, whether or not raw is still there).</summary>
    public async Task<IReadOnlyList<Symbol>> SilverSymbolsAsync(CancellationToken cancellationToken)
    {
        var silver = _lake.Schemas[DailyBarSilverFunction.TableName];
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var info in _lake.Store.ListAsync(silver.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            if (Symbol.TryParse(LakeLayout.PartitionValueOf(silver, info.Key), out var symbol))
            {
                symbols.Add(symbol.Value);
            }
        }

        return symbols.Select(Symbol.Parse).ToArray();
    }

    /// <summary>
    /// dim_date's last day: the end of the year after the later of the run's end and the newest bar, so a lake
    /// holding later data than the run's end still finds every date, whichever engine builds it.
    /// </summary>
    public static DateOnly CalendarEnd(DateOnly runEnd, IEnumerable<DateOnly> lastBars)
    {
        var latest = lastBars.Append(runEnd).Max();
        return new DateOnly(latest.Year + 1, 12, 31);
    }

    private async Task<string> WriteQuarantineAsync(TableSchema table, IEnumerable<QuarantineRecord> rejects, CancellationToken cancellationToken)
    {
        var key = LakeLayout.Quarantine(table.Layer, table.Name, _lake.RunId);
        await _lake.Store.PutAsync(key, Encoding.UTF8.GetBytes(QuarantineRecord.JsonLines(rejects)), cancellationToken).ConfigureAwait(false);
        return key;
    }
}
