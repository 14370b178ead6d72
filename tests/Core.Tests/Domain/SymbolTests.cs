using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Tests.Domain;

public sealed class SymbolTests
{
    [Theory]
    [InlineData("AAPL", "AAPL")]
    [InlineData(" brk-b ", "BRK-B")]
    [InlineData("BRK.B", "BRK.B")]
    [InlineData("^GSPC", "^GSPC")]
    [InlineData("EURUSD=X", "EURUSD=X")]
    public void TryParse_ATicker_IsAcceptedInUpperCase(string text, string expected)
    {
        Assert.True(Symbol.TryParse(text, out var symbol));
        Assert.Equal(expected, symbol.Value);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData(".A")]
    [InlineData("-")]
    [InlineData("^")]
    [InlineData("=")]
    [InlineData("A/B")]
    [InlineData("\"MSFT\"")]
    [InlineData("")]
    public void TryParse_TextThatIsNoTickerPathSegment_IsRefused(string text) =>
        Assert.False(Symbol.TryParse(text, out _));

    [Fact]
    public void Parse_Dots_ThrowsASentenceNamingTheText()
    {
        var error = Assert.Throws<FormatException>(() => Symbol.Parse(".."));

        Assert.Contains("'..' is not a ticker symbol", error.Message, StringComparison.Ordinal);
    }
}
