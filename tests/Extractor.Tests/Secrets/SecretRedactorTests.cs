using StockLakehouse.Extractor.Secrets;
using StockLakehouse.Extractor.Sources.AlphaVantage;

namespace StockLakehouse.Extractor.Tests.Secrets;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("https://www.alphavantage.co/query?function=OVERVIEW&symbol=IBM&apikey=ABC123XYZ", "https://www.alphavantage.co/query?function=OVERVIEW&symbol=IBM&apikey=REDACTED")]
    [InlineData("https://x.test/query?apikey=ABC123XYZ&symbol=IBM", "https://x.test/query?apikey=REDACTED&symbol=IBM")]
    [InlineData("GET /query?APIKEY=abc failed", "GET /query?APIKEY=REDACTED failed")]
    [InlineData("https://x.test/q?api_key=secret#frag", "https://x.test/q?api_key=REDACTED#frag")]
    [InlineData("https://query1.finance.yahoo.com/v8/finance/chart/AAPL?period1=1", "https://query1.finance.yahoo.com/v8/finance/chart/AAPL?period1=1")]
    public void Key_parameters_are_masked_in_every_url(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactUrls(text));
    }

    [Fact]
    public void Literal_secrets_are_masked_wherever_they_appear()
    {
        var redactor = new SecretRedactor(["K3Y+VALUE/42"]);

        var text = redactor.Redact("We have detected your API key as K3Y+VALUE/42; the URL had key=K3Y%2BVALUE%2F42.");

        Assert.DoesNotContain("K3Y", text, StringComparison.Ordinal);
        Assert.Equal("We have detected your API key as REDACTED; the URL had key=REDACTED.", text);
    }

    [Fact]
    public void The_key_prints_redacted_and_comes_from_the_file_before_the_environment()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  FROMFILE123\n");

            var fromFile = AlphaVantageKey.Resolve(file, "AV_TEST_KEY", _ => "FROMENV123");
            var fromEnvironment = AlphaVantageKey.Resolve(null, "AV_TEST_KEY", name => name == "AV_TEST_KEY" ? "FROMENV123" : null);

            Assert.Equal("FROMFILE123", fromFile.Reveal());
            Assert.Equal("FROMENV123", fromEnvironment.Reveal());
            Assert.Equal("[redacted]", fromFile.ToString());
            Assert.Equal("key [redacted]", $"key {fromEnvironment}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_key_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => AlphaVantageKey.Resolve(null, "AV_TEST_KEY", _ => null));

        Assert.Contains("AV_TEST_KEY", error.Message, StringComparison.Ordinal);
        Assert.Throws<SourceConfigurationException>(() => AlphaVantageKey.Resolve("/no/such/key/file", "AV_TEST_KEY", _ => "X"));
    }
}
