using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Sources.AlphaVantage;

namespace StockLakehouse.Extractor.Tests.Catalog;

public sealed class ExtractSourceCatalogTests
{
    private static readonly ReferenceData Reference = ReferenceData.LoadDefault();
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 1, 11, 2, 30, 0, TimeSpan.Zero));

    private static IReadOnlyList<ExtractSource> Create(ExtractSourceOptions options, Func<string, string?>? environment = null)
    {
        using var http = new HttpClient();
        return ExtractSourceCatalog.Create(options, Reference, Clock, Logger.None, http, environment ?? (_ => null), () => 0.5);
    }

    [Fact]
    public void The_default_is_the_simulated_market_landing_under_the_range_end()
    {
        var source = Assert.Single(Create(new ExtractSourceOptions()));

        Assert.Equal(("yahoo", "chart", RequestScope.SymbolRange), (source.Name, source.Dataset, source.Scope));
        Assert.Contains("simulated market, seed 42", source.Description, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 12, 31), source.IngestDateFor(new DateOnly(2024, 12, 31), Clock));
    }

    [Fact]
    public void Live_sources_land_under_the_new_york_date_they_fetched_on()
    {
        var yahoo = Assert.Single(Create(new ExtractSourceOptions { Source = "YAHOO" }));

        // 02:30 UTC on the 11th is still the evening of the 10th in New York.
        Assert.Equal(new DateOnly(2025, 1, 10), yahoo.IngestDateFor(new DateOnly(2024, 12, 31), Clock));
        Assert.Contains("query1.finance.yahoo.com", yahoo.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Alpha_vantage_builds_one_source_per_dataset_and_never_describes_its_key()
    {
        var sources = Create(
            new ExtractSourceOptions { AlphaVantage = new AlphaVantageOptions { Datasets = [AlphaVantageDataset.TimeSeriesDaily, AlphaVantageDataset.Overview, AlphaVantageDataset.ListingStatus] }, Source = "alphavantage" },
            name => name == "ALPHAVANTAGE_API_KEY" ? "SECRET123456" : null);

        Assert.Equal(["time_series_daily", "overview", "listing_status"], sources.Select(s => s.Dataset));
        Assert.Equal([RawFormat.Json, RawFormat.Json, RawFormat.Csv], sources.Select(s => s.Format));
        Assert.All(sources, s => Assert.DoesNotContain("SECRET", s.Description, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alphavantage")]
    [InlineData("import")]
    [InlineData("reference")]
    [InlineData("bloomberg")]
    public void Missing_settings_and_unknown_names_are_configuration_errors(string name)
    {
        var error = Assert.Throws<SourceConfigurationException>(() => Create(new ExtractSourceOptions { Source = name }));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Every_name_is_listed()
    {
        Assert.Equal(["simulated", "yahoo", "alphavantage", "import", "reference"], ExtractSourceCatalog.Names);
    }
}
