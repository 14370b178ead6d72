using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.Import;

/// <summary>Decides <see cref="ImportFormat.Auto"/>: the format of the first file in the folder that reads as one.</summary>
internal static class ImportFormatDetector
{
    public static ImportFormat Detect(string folder)
    {
        var alphaVantage = new AlphaVantageDailyReader(AlphaVantageMessages.Default);
        foreach (var file in ImportSource.FilesIn(folder))
        {
            var body = File.ReadAllBytes(file);
            if (YahooChartReader.Instance.Read(body).IsReadable)
            {
                return ImportFormat.YahooChart;
            }

            if (alphaVantage.Read(body).IsReadable)
            {
                return ImportFormat.AlphaVantageDaily;
            }
        }

        return ImportFormat.YahooChart;
    }
}
