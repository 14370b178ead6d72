namespace StockLakehouse.TestSupport.Files;

/// <summary>The checkout the tests run from: the nearest folder above the test assembly holding StockLakehouse.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StockLakehouse.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds StockLakehouse.sln.");
    }
}
