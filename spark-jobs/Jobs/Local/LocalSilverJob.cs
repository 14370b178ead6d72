using System.Collections.Concurrent;
using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs bronze → silver locally: every symbol with raw daily-bar objects (Yahoo chart, Alpha Vantage daily) is one partition, processed by
/// <see cref="DailyBarSilverFunction"/> and written as <c>silver/daily_bar/symbol=&lt;s&gt;/part-0.parquet</c>.
/// Rejects of the run go to <c>_quarantine/silver/daily_bar/run_id=&lt;run&gt;/rejects.jsonl</c>.
/// </summary>
public sealed class LocalSilverJob
{
    private readonly LakeContext _lake;

    public LocalSilverJob(LakeContext lake)
    {
        _lake = lake;
    }

    /// <summary>Processes the symbols in <paramref name="only"/> (all symbols with raw data when null).</summary>
    public async Task<StageReport> RunAsync(IReadOnlyCollection<Symbol>? only, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var table = _lake.Schemas[DailyBarSilverFunction.TableName];
        var bySymbol = await ListRawAsync(only, cancellationToken).ConfigureAwait(false);
        var symbols = bySymbol.Keys.OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();
        var function = new DailyBarSilverFunction(_lake.Calendar);
        var rejects = new ConcurrentBag<QuarantineRecord>();

        var outcomes = await PartitionRunner.RunAsync("silver", symbols, _lake.Parallelism, async (symbol, ct) =>
        {
            var objects = new List<RawChartObject>();
            foreach (var key in bySymbol[symbol])
            {
                var body = await _lake.Store.ReadAsync(key, ct).ConfigureAwait(false)
                    ?? throw new FileNotFoundException($"Raw object '{key}' vanished while silver was reading it.");
                var metaBytes = await _lake.Store.ReadAsync(LakeLayout.RawMetadata(key), ct).ConfigureAwait(false);
                var meta = metaBytes is null ? null : RawObjectMetadata.FromJson(metaBytes, LakeLayout.RawMetadata(key));
                objects.Add(new RawChartObject(key, LakeLayout.IngestDateOf(key), meta, body));
            }

            var currency = _lake.Reference.TryGetCompany(symbol, out var company)
                ? company.Currency
                : (await _lake.Companies.GetAsync(ct).ConfigureAwait(false)).BySymbol[symbol].LastOrDefault()?.Currency;
            var result = function.Process(symbol, objects, currency);
            foreach (var reject in result.Rejects)
            {
                rejects.Add(reject);
            }

            var written = await _lake.Partitions.ReplaceAsync(table, symbol.Value, DailyBarBatch.ToBatch(result.Bars), ct).ConfigureAwait(false);
            return (result.InputBars, result.Bars.Count, written);
        }, progress, cancellationToken).ConfigureAwait(false);

        var ordered = rejects.OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.RawObject, StringComparer.Ordinal).ThenBy(r => r.Index).ToArray();
        var outputs = outcomes.Select(o => o.written).ToList();
        if (ordered.Length > 0)
        {
            var key = LakeLayout.Quarantine(table.Layer, table.Name, _lake.RunId);
            await _lake.Store.PutAsync(key, Encoding.UTF8.GetBytes(QuarantineRecord.JsonLines(ordered)), cancellationToken).ConfigureAwait(false);
            outputs.Add(key);
        }

        return new StageReport(
            "silver",
            outcomes.Sum(o => (long)o.InputBars),
            outcomes.Sum(o => (long)o.Count),
            ordered.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
            outcomes.Length,
            outputs);
    }

    /// <summary>Every symbol with raw daily-bar objects in the lake, in ordinal order.</summary>
    public async Task<IReadOnlyList<Symbol>> RawSymbolsAsync(CancellationToken cancellationToken) =>
        (await ListRawAsync(null, cancellationToken).ConfigureAwait(false)).Keys.OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();

    private async Task<Dictionary<Symbol, List<string>>> ListRawAsync(IReadOnlyCollection<Symbol>? only, CancellationToken cancellationToken)
    {
        var wanted = only?.ToHashSet();
        var bySymbol = new Dictionary<Symbol, List<string>>();
        foreach (var (source, dataset) in DailyBarSilverFunction.RawDatasets)
        {
            await foreach (var info in _lake.Store.ListAsync(LakeLayout.RawPrefix(source, dataset), cancellationToken).ConfigureAwait(false))
            {
                if (!LakeLayout.IsRawBody(info.Key) || !Symbol.TryParse(LakeLayout.SymbolOf(info.Key), out var symbol))
                {
                    continue;
                }

                if (wanted is not null && !wanted.Contains(symbol))
                {
                    continue;
                }

                (bySymbol.TryGetValue(symbol, out var keys) ? keys : bySymbol[symbol] = []).Add(info.Key);
            }
        }

        return bySymbol;
    }
}
