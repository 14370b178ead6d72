using System.Text;

namespace StockLakehouse.Dashboard.Page;

/// <summary>
/// Assembles the one self-contained HTML file: the template with the styles, the charting library, the page's
/// script and the data inlined, so it opens from disk with no server and nothing fetched from the network.
/// </summary>
internal static class DashboardPage
{
    private const string StylesSlot = "/*{{styles}}*/";
    private const string LibrarySlot = "/*{{charting-library}}*/";
    private const string ScriptSlot = "/*{{script}}*/";
    private const string DataSlot = "{{data}}";

    /// <param name="dataJson">
    /// The page's data as UTF-8 JSON. It sits in a <c>&lt;script type="application/json"&gt;</c> element, which is safe because
    /// System.Text.Json escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no value can close the element.
    /// </param>
    public static byte[] Render(ReadOnlySpan<byte> dataJson)
    {
        var template = PageAssets.Template;
        foreach (var slot in (string[])[StylesSlot, LibrarySlot, ScriptSlot, DataSlot])
        {
            if (!template.Contains(slot, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The dashboard template has no '{slot}' slot.");
            }
        }

        var head = template[..template.IndexOf(DataSlot, StringComparison.Ordinal)];
        var tail = template[(head.Length + DataSlot.Length)..];
        var output = new MemoryStream();
        Append(output, Fill(head));
        output.Write(dataJson);
        Append(output, Fill(tail));
        return output.ToArray();
    }

    private static string Fill(string part) => part
        .Replace(StylesSlot, PageAssets.Styles, StringComparison.Ordinal)
        .Replace(LibrarySlot, PageAssets.ChartingLibrary, StringComparison.Ordinal)
        .Replace(ScriptSlot, PageAssets.Script, StringComparison.Ordinal);

    private static void Append(MemoryStream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
