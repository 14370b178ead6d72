using System.Security.Cryptography;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources;
using StockLakehouse.Extractor.Sources.Import;
using StockLakehouse.Extractor.Tests.Support;

namespace StockLakehouse.Extractor.Tests.Sources.Import;

public sealed class DiscoveredReadingsTests
{
    private const string File = "/imports/aapl.json";
    private static readonly RawRequest Request = new("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10)) { Origin = File };
    private readonly CountingPayloadReader _reader = new();
    private readonly DiscoveredReadings _readings;

    public DiscoveredReadingsTests()
    {
        _readings = new DiscoveredReadings(new ResponseClassifier(_reader));
    }

    [Fact]
    public void A_file_fetched_as_it_was_discovered_is_judged_by_the_discovery_reading_without_parsing_it_again()
    {
        var body = Discover(Fixtures.YahooChartFor("AAPL"));

        var verdict = _readings.Classify(Request, Response(body));

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.Equal(new ResponseClassifier(YahooChartReader.Instance).Classify(Request, Response(body)), verdict);
        Assert.Equal(1, _reader.Reads);
    }

    [Fact]
    public void A_file_that_changed_after_discovery_is_read_again_and_judged_on_what_was_fetched()
    {
        Discover(Fixtures.YahooChartFor("AAPL"));

        var verdict = _readings.Classify(Request, Response(Fixtures.YahooChartFor("MSFT")));

        Assert.Equal(RequestOutcome.UnexpectedContent, verdict.Outcome);
        Assert.Equal(2, _reader.Reads);
    }

    [Fact]
    public void A_reading_serves_one_fetch_only()
    {
        var body = Discover(Fixtures.YahooChartFor("AAPL"));

        _readings.Classify(Request, Response(body));
        _readings.Classify(Request, Response(body));

        Assert.Equal(2, _reader.Reads);
    }

    /// <summary>What discovery does with <paramref name="body"/>, the content of <see cref="File"/>: reads it and remembers the reading.</summary>
    private byte[] Discover(byte[] body)
    {
        _readings.Remember(File, SHA256.HashData(body), _reader.Read(body));
        return body;
    }

    private static SourceResponse Response(byte[] body) => new(200, "file:///imports/aapl.json", body, DateTimeOffset.UnixEpoch);
}
