using System.Diagnostics;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// Bronze → silver, the same on every engine: which raw objects a symbol has, how they are opened and checked,
/// where the company's currency comes from, what is written, and where the rejects go. An engine lists the
/// symbols, hands each one's objects to <see cref="RunPartitionAsync"/> (the local runner reads them from the store,
/// the Spark host from the rows Spark read), and calls <see cref="FinishAsync"/> with every outcome.
/// </summary>
public sealed class SilverStage
{
    private readonly LakeContext _lake;
    private readonly DailyBarSilverFunction _function;

    public SilverStage(LakeContext lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
        _function = new DailyBarSilverFunction(lake.Calendar);
    }

    /// <summary>The raw (source, dataset) pairs silver reads.</summary>
    public static IReadOnlyList<(string Source, string Dataset)> RawDatasets { get; } =
        [(LakeNames.Yahoo, LakeNames.Chart), (LakeNames.AlphaVantage, LakeNames.TimeSeriesDaily)];

    public TableSchema Table => _lake.Schemas[LakeNames.DailyBar];

    /// <summary>The raw body keys of every symbol in <paramref name="only"/> (every symbol with raw daily bars when null).</summary>
    public async Task<Dictionary<Symbol, List<string>>> ListRawAsync(IReadOnlyCollection<Symbol>? only, CancellationToken cancellationToken)
    {
        var wanted = only?.ToHashSet();
        var bySymbol = new Dictionary<Symbol, List<string>>();
        foreach (var (source, dataset) in RawDatasets)
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

    /// <summary>
    /// Builds and replaces the silver partition of <paramref name="symbol"/> from its raw bodies
    /// <paramref name="bodies"/>, reading each body and its metadata through <paramref name="read"/> (null: no such object).
    /// </summary>
    public async Task<PartitionOutcome> RunPartitionAsync(
        Symbol symbol,
        IEnumerable<string> bodies,
        Func<string, CancellationToken, Task<byte[]?>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        ArgumentNullException.ThrowIfNull(read);
        var started = Stopwatch.GetTimestamp();
        var rejects = new List<QuarantineRecord>();
        var objects = new List<RawChartObject>();
        foreach (var key in bodies.Order(StringComparer.Ordinal))
        {
            var body = await read(key, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"Raw object '{key}' vanished while silver was reading it.");
            var metadata = await read(LakeLayout.RawMetadata(key), cancellationToken).ConfigureAwait(false);
            if (RawObjectCheck.Open(symbol, key, body, metadata, rejects) is { } opened)
            {
                objects.Add(opened);
            }
        }

        var result = _function.Process(symbol, objects, await CurrencyAsync(symbol, cancellationToken).ConfigureAwait(false));
        var written = await _lake.Partitions.ReplaceAsync(Table, symbol.Value, DailyBarBatch.ToBatch(result.Bars), cancellationToken).ConfigureAwait(false);
        return new PartitionOutcome(
            symbol.Value,
            result.InputBars,
            result.Bars.Count,
            [written],
            QuarantineOrder.Of(rejects.Concat(result.Rejects)),
            null,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Writes the run's silver quarantine file from every partition's rejects, in symbol order.</summary>
    public async Task<PartitionOutcome> FinishAsync(IEnumerable<PartitionOutcome> outcomes, CancellationToken cancellationToken)
    {
        var written = await QuarantineOrder.WriteAsync(_lake, Table, outcomes, cancellationToken).ConfigureAwait(false);
        return new PartitionOutcome(null, 0, 0, written, [], null, 0);
    }

    /// <summary>
    /// The company's currency, for sources whose bars carry none (Alpha Vantage): from the reference data, else from
    /// the newest version of the company landed in the lake.
    /// </summary>
    private async Task<string?> CurrencyAsync(Symbol symbol, CancellationToken cancellationToken) =>
        _lake.Reference.TryGetCompany(symbol, out var company)
            ? company.Currency
            : (await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false)).BySymbol[symbol].LastOrDefault()?.Currency;
}
