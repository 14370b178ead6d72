using System.Text;

namespace StockLakehouse.Extractor.Tests.Classification;

public sealed class CsvClassificationTests
{
    private static readonly ResponseClassifier Reference = new(new CsvReader("company reference CSV", ["symbol", "name"], jsonMessages: null));
    private static readonly RawRequest Whole = new(RawRequest.WholeDataset, new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10));

    private static ResponseVerdict Classify(byte[] body) => Reference.Classify(Whole, new SourceResponse(200, "file:///erp.csv", body, DateTimeOffset.UnixEpoch));

    [Fact]
    public void The_sample_erp_file_is_ok_with_quoted_commas()
    {
        var verdict = Classify(File.ReadAllBytes(Fixtures.ErpFile));

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.Equal(9, verdict.Rows);
    }

    [Fact]
    public void A_header_only_file_is_an_empty_series()
    {
        Assert.Equal(RequestOutcome.EmptySeries, Classify("symbol,name\n"u8.ToArray()).Outcome);
    }

    [Fact]
    public void A_file_without_the_required_columns_is_unexpected_content()
    {
        var verdict = Classify("ticker,company\nAAPL,Apple\n"u8.ToArray());

        Assert.Equal(RequestOutcome.UnexpectedContent, verdict.Outcome);
        Assert.Contains("symbol, name", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_cut_short_or_an_open_quote_is_malformed()
    {
        Assert.Equal(RequestOutcome.Malformed, Classify("symbol,name,mic\nAAPL,Apple\n"u8.ToArray()).Outcome);
        Assert.Equal(RequestOutcome.Malformed, Classify("symbol,name\nAAPL,\"Apple\n"u8.ToArray()).Outcome);
    }

    [Fact]
    public void Invalid_utf8_is_malformed_and_json_or_html_is_the_wrong_format()
    {
        Assert.Equal(RequestOutcome.Malformed, Classify([.. "symbol,name\nAAPL,"u8, 0xC3, 0x28, (byte)'\n']).Outcome);
        Assert.Equal(RequestOutcome.WrongFormat, Classify(Encoding.UTF8.GetBytes("{\"symbol\":\"AAPL\"}")).Outcome);
        Assert.Equal(RequestOutcome.WrongFormat, Classify(FixtureFiles.Bytes("yahoo/rate-limited.html")).Outcome);
    }
}
