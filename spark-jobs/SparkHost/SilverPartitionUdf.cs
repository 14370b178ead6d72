using Apache.Arrow;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The silver grouped-map function: receives every raw object of one symbol (bodies and their .meta.json),
/// runs <see cref="DailyBarSilverFunction"/> — the local runner's function — and replaces the symbol's
/// silver partition. Microsoft.Spark ships the UDF's target to the workers field by field, so it holds
/// nothing but the lake's address and no static field.
/// </summary>
[Serializable]
internal sealed class SilverPartitionUdf
{
    private readonly string _lake;

    public SilverPartitionUdf(string lake)
    {
        _lake = lake;
    }

    public RecordBatch Apply(RecordBatch input)
    {
        var files = LakeFiles.Read(input, LakeLayout.RawRoot + "/");
        var bodies = files.Keys.Where(LakeLayout.IsRawBody).Order(StringComparer.Ordinal).ToArray();
        if (bodies.Length == 0 || !Symbol.TryParse(LakeLayout.SymbolOf(bodies[0]), out var symbol))
        {
            return PartitionSummary.Empty();
        }

        var objects = bodies.Select(key =>
        {
            var metaKey = LakeLayout.RawMetadata(key);
            var meta = files.TryGetValue(metaKey, out var bytes) ? RawObjectMetadata.FromJson(bytes, metaKey) : null;
            return new RawChartObject(key, LakeLayout.IngestDateOf(key), meta, files[key]);
        }).ToArray();

        // The company's currency, for sources whose bars carry none (Alpha Vantage), as the local job passes it:
        // from the reference, else from the landed company data.
        var currency = ReferenceData.LoadDefault().TryGetCompany(symbol, out var company)
            ? company.Currency
            : CompanyVersions.Of(_lake, symbol).LastOrDefault()?.Currency;
        var result = new DailyBarSilverFunction(NyseCalendar.Instance).Process(symbol, objects, currency);
        var table = SchemaCatalog.LoadDefault()[DailyBarSilverFunction.TableName];
        var written = LakeStores.Partitions(_lake)
            .ReplaceAsync(table, symbol.Value, DailyBarBatch.ToBatch(result.Bars), CancellationToken.None)
            .GetAwaiter().GetResult();
        return PartitionSummary.One(symbol.Value, result.InputBars, result.Bars.Count, [written], result.Rejects);
    }
}
