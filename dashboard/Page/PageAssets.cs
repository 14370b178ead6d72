using System.Reflection;

namespace StockLakehouse.Dashboard.Page;

/// <summary>
/// The page's template, styles and script, and the charting library (lightweight-charts, installed from npm into
/// <c>dashboard/web/node_modules</c> by <c>make dashboard-web</c>), all embedded in this assembly at build time.
/// </summary>
internal static class PageAssets
{
    public const string MissingChartingLibrary =
        "This build has no charting library embedded (dashboard/web/node_modules is not installed); run 'make dashboard', which installs it from npm and rebuilds.";

    private const string ChartingLibraryName = "dashboard/charting.js";

    public static bool HasChartingLibrary => Has(Assembly.GetExecutingAssembly(), ChartingLibraryName);

    public static string Template => Read("dashboard/index.html");

    public static string Styles => Read("dashboard/dashboard.css");

    public static string Script => Read("dashboard/dashboard.js");

    public static string ChartingLibrary => HasChartingLibrary ? Read(ChartingLibraryName) : throw new InvalidOperationException(MissingChartingLibrary);

    /// <summary>Whether <paramref name="assembly"/> embeds the resource <paramref name="name"/>.</summary>
    public static bool Has(Assembly assembly, string name) => assembly.GetManifestResourceInfo(name) is not null;

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in this build; run 'make dashboard', which builds it.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
