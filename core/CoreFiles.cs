namespace StockLakehouse.Core;

/// <summary>
/// Where the files that travel with the core library are (schemas/, reference/): the folder of
/// this assembly. That is the application's folder in the CLI and the tests, and also in a process that loads
/// the library from elsewhere — Spark's .NET worker, whose base directory is the worker's own folder, loads
/// the lakehouse's assemblies from DOTNET_ASSEMBLY_SEARCH_PATHS.
/// </summary>
public static class CoreFiles
{
    public static string Folder { get; } =
        Path.GetDirectoryName(typeof(CoreFiles).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory;
}
