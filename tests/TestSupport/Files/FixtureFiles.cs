namespace StockLakehouse.TestSupport.Files;

/// <summary>The real-format payloads under data/fixtures, which every test project copies next to its assembly.</summary>
public static class FixtureFiles
{
    /// <summary>The copied fixture's full path.</summary>
    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath);

    public static byte[] Bytes(string relativePath)
    {
        var path = PathOf(relativePath);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"Fixture '{relativePath}' is not in data/fixtures.", path);
    }

    public static string Text(string relativePath) => System.Text.Encoding.UTF8.GetString(Bytes(relativePath));
}
