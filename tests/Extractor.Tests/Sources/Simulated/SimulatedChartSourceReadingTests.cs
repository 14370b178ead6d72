using System.Globalization;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>
/// The simulated market tells the classifier what each chart holds instead of having it parsed back; that reading
/// must be exactly the one the Yahoo reader makes of the bytes, for every kind of window.
/// </summary>
public sealed class SimulatedChartSourceReadingTests
{
    public static TheoryData<string, string> Windows => new()
    {
        { "2016-01-01", "2025-12-31" },
        { "2024-01-01", "2024-12-31" },
        { "2024-03-08", "2024-03-12" }, // across the start of daylight saving time
        { "2024-12-28", "2024-12-29" }, // a weekend: Yahoo's empty shape
        { "1990-01-01", "1995-01-10" }, // starting before Genesis
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task FetchAsync_EveryDefaultSymbol_CarriesTheReadingTheYahooReaderMakesOfItsBody(string from, string to)
    {
        var reference = ReferenceData.LoadDefault();
        var source = new SimulatedChartSource(42, injectDefects: true, reference, TimeProvider.System);
        var checkedSymbols = 0;
        foreach (var company in reference.Companies)
        {
            var response = await source.FetchAsync(company.Symbol, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), default);

            var read = YahooChartReader.Instance.Read(response.Body);
            var written = Assert.IsType<SourceReading>(response.Written);
            Assert.Same(response.Body, written.Body);
            Assert.True(read.IsReadable);
            Assert.Equal(read.Summary.Symbol, written.Summary.Symbol);
            Assert.Equal(read.Summary.Rows, written.Summary.Rows);
            Assert.Equal(read.Summary.Dates, written.Summary.Dates);
            checkedSymbols++;
        }

        Assert.True(checkedSymbols >= 10, $"Only {checkedSymbols} symbols in the default reference data.");
    }
}
