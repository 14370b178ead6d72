namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>The API response fixtures under data/fixtures, copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Read(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"Fixture '{relativePath}' is not in data/fixtures.", path);
    }
}
