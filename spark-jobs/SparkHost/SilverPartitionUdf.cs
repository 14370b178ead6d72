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
/// <remarks>
/// The worker calls the UDF once per Arrow batch, and Spark cuts batches at
/// <c>spark.sql.execution.arrow.maxRecordsPerBatch</c> rows, group or no group. A partition written from part
/// of a group would silently lose bars, so each row carries its group's file count
/// (<see cref="GroupFilesColumn"/>, a window count in <see cref="SparkJobs"/>' query) and a batch holding fewer
/// rows than that fails the task before anything is written.
/// </remarks>
[Serializable]
internal sealed class SilverPartitionUdf
{
    /// <summary>The column with the number of files in the row's group (the same on every row of the group).</summary>
    public const string GroupFilesColumn = "group_files";

    private readonly string _lake;

    public SilverPartitionUdf(string lake)
    {
        _lake = lake;
    }

    public RecordBatch Apply(RecordBatch input)
    {
        RequireWholeGroup(input);
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

    /// <summary>Throws unless <paramref name="input"/> holds every file of its group.</summary>
    private static void RequireWholeGroup(RecordBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Not Schema.GetFieldIndex: Apache.Arrow 14 throws from it, with no name, when the field is missing.
        if (!input.Schema.FieldsList.Any(f => f.Name == GroupFilesColumn))
        {
            throw new InvalidOperationException($"The silver task's input has no '{GroupFilesColumn}' column, so it cannot tell whether it holds the whole group; its columns are {string.Join(", ", input.Schema.FieldsList.Select(f => f.Name))}.");
        }

        if (input.Length == 0)
        {
            return;
        }

        var expected = ((Int64Array)input.Column(GroupFilesColumn)).GetValue(0);
        if (expected != input.Length)
        {
            var symbol = ((StringArray)input.Column("group_symbol")).GetString(0);
            throw new InvalidOperationException(
                $"The silver task for the symbol '{symbol}' received {input.Length} of the group's {expected} raw files in one Arrow batch: " +
                "Spark split the group across batches, and a partition written from part of it would lose bars, so nothing was written. " +
                $"Raise spark.sql.execution.arrow.maxRecordsPerBatch above {expected} (cloud/Dataproc/SparkHostJobs.cs sets it for the batches).");
        }
    }
}
