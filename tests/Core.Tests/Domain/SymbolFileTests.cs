using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Tests.Domain;

public sealed class SymbolFileTests
{
    [Fact]
    public void Texts_PlainLinesCommentsAndAHeader_AreTheSymbolsInOrder() =>
        Assert.Equal(["KO", "PEP"], SymbolFile.Texts(["symbol", "KO  # Coca-Cola", "", "PEP"]));

    [Fact]
    public void Texts_ACsvWithQuotedFields_YieldsTheUnquotedFirstColumn() =>
        Assert.Equal(["MSFT", "BRK.B", "A\"B"], SymbolFile.Texts(["\"symbol\",\"name\"", "\"MSFT\",\"Microsoft, Inc.\"", " \"BRK.B\"", "\"A\"\"B\",x"]));

    [Fact]
    public void Texts_AQuotedSymbol_ParsesAsTheSymbol() =>
        Assert.Equal([Symbol.Parse("MSFT")], SymbolFile.Texts(["\"MSFT\""]).Select(Symbol.Parse));
}
