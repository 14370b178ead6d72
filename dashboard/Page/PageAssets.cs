using System.Reflection;

namespace StockLakehouse.Dashboard.Page;

/// <summary>
/// The page's template, styles and script, and the charting library (lightweight-charts, installed from npm into
/// <c>dashboard/web/node_modules</c> by <c>make build</c>), all embedded in this assembly at build time.
/// </summary>
internal static class PageAssets
{
    public static string Template => Read("dashboard/index.html");

    public static string Styles => Read("dashboard/dashboard.css");

    public static string Script => Read("dashboard/dashboard.js");

    public static string ChartingLibrary => Read("dashboard/charting.js");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in this build; run 'make build', which installs the page's npm packages first.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
