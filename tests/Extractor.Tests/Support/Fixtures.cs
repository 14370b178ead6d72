using System.Text;

namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>The Yahoo chart fixture the extractor tests build their answers from, and the sample ERP file.</summary>
internal static class Fixtures
{
    public const string YahooChart = "yahoo-live/chart-aapl-2025-01-02-to-10.json";

    public static string ErpFile => Path.Combine(AppContext.BaseDirectory, "reference", "erp", "companies-erp.csv");

    /// <summary>The AAPL chart fixture as Yahoo would answer it for <paramref name="symbol"/>.</summary>
    public static byte[] YahooChartFor(string symbol, string fixture = YahooChart) =>
        Encoding.UTF8.GetBytes(ForSymbol(FixtureFiles.Text(fixture), symbol));

    /// <summary>Rewrites the symbol of a Yahoo chart body.</summary>
    public static string ForSymbol(string chartJson, string symbol) =>
        chartJson.Replace("\"symbol\":\"AAPL\"", $"\"symbol\":\"{symbol}\"", StringComparison.Ordinal);
}
