using System.Reflection;
using System.Runtime.InteropServices;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Finds libduckdb for this assembly's <c>[LibraryImport("duckdb")]</c> declarations. The library is fetched by
/// <c>make duckdb</c> rather than shipped in a NuGet package, so the runtime's default probing alone would not find it
/// in a development checkout; this resolver tries, in order, <c>DUCKDB_LIBRARY</c>, the copy next to the assemblies,
/// then default probing, and fails with a message that says how to get the library.
/// </summary>
internal static class DuckDbLibraryResolver
{
    internal const string LibraryName = "duckdb";

    internal const string EnvironmentVariable = "DUCKDB_LIBRARY";

    private static int _registered;

    private static IntPtr _loaded;

    /// <summary>The platform's file name for the library, as the build copies it next to the assemblies.</summary>
    internal static string PlatformFileName =>
        OperatingSystem.IsWindows() ? "duckdb.dll"
        : OperatingSystem.IsMacOS() ? "libduckdb.dylib"
        : "libduckdb.so";

    /// <summary>Registers the resolver once per process; later calls are no-ops.</summary>
    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibraryResolver).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone else already owns this assembly's resolver; their choice wins and default probing still applies.
        }
    }

    /// <summary>
    /// Loads the library from <paramref name="configuredPath"/>, then <paramref name="baseDirectory"/>, then
    /// <paramref name="defaultProbe"/>; throws <see cref="DllNotFoundException"/> naming every place tried.
    /// </summary>
    internal static IntPtr Load(string? configuredPath, string baseDirectory, Func<IntPtr> defaultProbe)
    {
        ArgumentNullException.ThrowIfNull(defaultProbe);
        var tried = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (NativeLibrary.TryLoad(configuredPath, out var configured))
            {
                return configured;
            }

            tried.Add($"{configuredPath} (from {EnvironmentVariable})");
        }

        var local = Path.Combine(baseDirectory, PlatformFileName);
        if (NativeLibrary.TryLoad(local, out var besideAssembly))
        {
            return besideAssembly;
        }

        tried.Add(local);
        var probed = defaultProbe();
        if (probed != IntPtr.Zero)
        {
            return probed;
        }

        tried.Add($"default probing for '{LibraryName}'");
        throw new DllNotFoundException(
            $"DuckDB's native library could not be loaded; tried {string.Join(", ", tried)}. "
            + $"Run `make duckdb` to fetch it, or set {EnvironmentVariable} to the full path of {PlatformFileName}.");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, LibraryName, StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        // The runtime asks once per P/Invoke binding; probing the file system each time would be wasted work.
        var loaded = Volatile.Read(ref _loaded);
        if (loaded != IntPtr.Zero)
        {
            return loaded;
        }

        loaded = Load(
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            CoreFiles.Folder,
            () => NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var handle) ? handle : IntPtr.Zero);
        Volatile.Write(ref _loaded, loaded);
        return loaded;
    }
}
