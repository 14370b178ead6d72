using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.Sources.Import;
using StockLakehouse.Extractor.State;
using StockLakehouse.Extractor.Tests.Support;

namespace StockLakehouse.Extractor.Tests.Sources.Import;

public sealed class ImportSourceTests : IDisposable
{
    private static readonly DateOnly Ingest = new(2025, 2, 3);
    private readonly TempLake _lake = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", "import-" + Guid.NewGuid().ToString("N"));

    public ImportSourceTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "2025"));
    }

    public void Dispose()
    {
        _lake.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Write(string name, byte[] body) => File.WriteAllBytes(Path.Combine(_folder, name), body);

    private async Task<ExtractReport> ImportAsync(ImportFormat format = ImportFormat.Auto)
    {
        var source = ExtractSourceCatalog.Create(
            new ExtractSourceOptions { Source = "import", ImportFolder = _folder, ImportFormat = format },
            ReferenceData.LoadDefault(),
            new FakeTimeProvider(new DateTimeOffset(2025, 2, 3, 15, 0, 0, TimeSpan.Zero)),
            Logger.None)[0];
        var plan = await new ExtractPlanner(NyseCalendar.Instance, new WatermarkStore(_lake.Store))
            .PlanAsync(source, new ExtractPlanOptions([Symbol.Parse("AAPL")], ExtractMode.Backfill, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), Ingest), default);
        return await new ExtractJob(source, _lake.Store, Logger.None).RunAsync(plan, null, default);
    }

    [Fact]
    public async Task Yahoo_files_are_validated_like_live_answers_and_land_where_silver_reads_them()
    {
        Write("aapl.json", Fixtures.YahooChartFor("AAPL"));
        Write(Path.Combine("2025", "msft-download.json"), Fixtures.YahooChartFor("MSFT"));
        Write("IBM.json", FixtureFiles.Bytes("yahoo-live/chart-aapl-truncated.json"));
        Write("page.json", FixtureFiles.Bytes("yahoo/rate-limited.html"));
        Write("notes.txt", "not a response"u8.ToArray());

        var report = await ImportAsync();

        Assert.Equal(4, report.Requested);
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 2, ["wrong_format"] = 1, ["malformed"] = 1 }, report.Outcomes);
        Assert.Equal(("IBM", RequestOutcome.Malformed), report.Requests.Where(r => r.Outcome == RequestOutcome.Malformed).Select(r => (r.Symbol, r.Outcome)).Single());
        var bodies = await _lake.RawBodiesAsync();
        Assert.Equal(["AAPL", "MSFT"], bodies.Select(LakeLayout.SymbolOf));
        Assert.All(bodies, b => Assert.StartsWith("raw/source=yahoo/dataset=chart/ingest_date=2025-02-03/", b, StringComparison.Ordinal));
        var metadata = RawObjectMetadata.FromJson((await _lake.Store.ReadAsync(LakeLayout.RawMetadata(bodies[0]), default))!, bodies[0]);
        Assert.StartsWith("file:///", metadata.Url, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10)), (metadata.RequestedFrom, metadata.RequestedTo));
        Assert.Equal(new DateOnly(2025, 1, 10), (await new WatermarkStore(_lake.Store).ReadAsync("yahoo", "chart", "MSFT", default))!.Through);
    }

    [Fact]
    public async Task Importing_the_same_files_again_lands_nothing_and_a_corrected_file_lands_beside_the_old()
    {
        Write("aapl.json", Fixtures.YahooChartFor("AAPL"));
        await ImportAsync();

        var again = await ImportAsync();
        Write("aapl.json", Fixtures.YahooChartFor("AAPL", "yahoo-live/chart-aapl-with-bar-after-end.json"));
        var corrected = await ImportAsync();

        Assert.Equal((0, 1), (again.Landed, again.AlreadyPresent));
        Assert.Equal(1, corrected.Landed);
        Assert.Equal(2, (await _lake.RawBodiesAsync()).Count);
    }

    [Fact]
    public async Task Alpha_vantage_files_land_as_the_daily_series_dataset()
    {
        Write("IBM.json", FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json"));
        Write("cap.json", FixtureFiles.Bytes("alphavantage/information-daily-cap.json"));

        var report = await ImportAsync();

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 1, ["daily_cap_reached"] = 1 }, report.Outcomes);
        Assert.StartsWith("raw/source=alphavantage/dataset=time_series_daily/", Assert.Single(await _lake.RawBodiesAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_format_judges_every_file_by_it()
    {
        Write("IBM.json", FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json"));

        var report = await ImportAsync(ImportFormat.YahooChart);

        Assert.Equal(RequestOutcome.UnexpectedContent, Assert.Single(report.Requests).Outcome);
        Assert.Empty(await _lake.KeysAsync("raw/"));
    }

    [Fact]
    public void A_missing_folder_is_a_configuration_error()
    {
        Assert.Throws<SourceConfigurationException>(() => ExtractSourceCatalog.Create(
            new ExtractSourceOptions { Source = "import", ImportFolder = Path.Combine(_folder, "missing") },
            ReferenceData.LoadDefault(),
            TimeProvider.System,
            Logger.None));
    }
}
