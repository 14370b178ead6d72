using Serilog.Core;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Planning;

namespace StockLakehouse.Extractor.Tests.Sources.Reference;

public sealed class ReferenceFileSourceTests : IDisposable
{
    private static readonly DateOnly Ingest = new(2025, 1, 6);
    private readonly TempLake _lake = new();
    private readonly TempFolder _folder = new();
    private readonly string _file;

    public ReferenceFileSourceTests()
    {
        _file = Path.Combine(_folder.Path, "erp.csv");
        File.Copy(Fixtures.ErpFile, _file);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }

    private async Task<ExtractReport> LandAsync()
    {
        var source = ExtractSourceCatalog.Create(new ExtractSourceOptions { Source = "reference", ReferenceFile = _file }, ReferenceData.LoadDefault(), TimeProvider.System, Logger.None)[0];
        var plan = await new ExtractPlanner(NyseCalendar.Instance, new WatermarkStore(_lake.Store))
            .PlanAsync(source, new ExtractPlanOptions([], ExtractMode.Backfill, Ingest, Ingest, Ingest), default);
        return await new ExtractJob(source, _lake.Store, Logger.None).RunAsync(plan, null, default);
    }

    [Fact]
    public async Task The_erp_file_lands_byte_for_byte_as_a_csv_snapshot_with_its_metadata()
    {
        var report = await LandAsync();

        Assert.Equal(1, report.Landed);
        var keys = await _lake.KeysAsync("raw/");
        var body = Assert.Single(keys, k => k.EndsWith(".csv", StringComparison.Ordinal));
        Assert.StartsWith("raw/source=reference/dataset=companies/ingest_date=2025-01-06/_all-", body, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Fixtures.ErpFile), await _lake.Store.ReadAsync(body, default));
        var metadataKey = RawLander.MetadataKeyFor(body);
        Assert.Equal([body, metadataKey], keys);
        var metadata = RawObjectMetadata.FromJson((await _lake.Store.ReadAsync(metadataKey, default))!, metadataKey);
        Assert.Equal(("reference", "companies", "_all"), (metadata.Source, metadata.Dataset, metadata.Symbol));
    }

    [Fact]
    public async Task The_same_file_lands_once_a_day_and_a_changed_file_lands_beside_it()
    {
        await LandAsync();
        var again = await LandAsync();
        File.AppendAllText(_file, "NVDA,NVIDIA Corporation,NASDAQ,XNAS,Information Technology,Semiconductors,USD,US,1999-01-22,,29600,01-26,2025-01-06T09:00:00Z\n");
        var changed = await LandAsync();

        Assert.Equal((0, 1), (again.Landed, again.AlreadyPresent));
        Assert.Equal(1, changed.Landed);
        Assert.Equal(2, (await _lake.KeysAsync("raw/")).Count(k => k.EndsWith(".csv", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_missing_file_is_a_configuration_error()
    {
        Assert.Throws<SourceConfigurationException>(() => ExtractSourceCatalog.Create(
            new ExtractSourceOptions { Source = "reference", ReferenceFile = _file + ".missing" },
            ReferenceData.LoadDefault(),
            TimeProvider.System,
            Logger.None));
    }
}
