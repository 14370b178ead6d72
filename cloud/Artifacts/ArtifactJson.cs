using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// JSON as the generated files spell it: two-space indentation, LF, a final newline, and no \uXXXX escaping
/// of characters like &lt; &gt; ' and + — these files are read by people and Python, never embedded in HTML.
/// </summary>
public static class ArtifactJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(Options) + "\n";
    }
}
