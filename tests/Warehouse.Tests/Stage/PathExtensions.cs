namespace StockLakehouse.Warehouse.Tests.Stage;

internal static class PathExtensions
{
    /// <summary>Creates the folder of the file path <paramref name="file"/> and returns the path.</summary>
    public static string CreateFolder(this string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
