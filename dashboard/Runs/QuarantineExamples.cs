using System.Text.Json;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Dashboard.Runs;

/// <summary>
/// Reads the first few rejected records of each reason from a run's quarantine files
/// (<c>_quarantine/&lt;layer&gt;/&lt;table&gt;/run_id=&lt;run id&gt;/rejects.jsonl</c>, the layer being the stage's name).
/// </summary>
internal static class QuarantineExamples
{
    public const int PerReason = 3;

    /// <summary>Lines read per file at most: enough to find examples of every reason without reading a huge file whole.</summary>
    private const int MaxLinesPerFile = 100_000;

    public static async Task<Dictionary<string, List<QuarantineExample>>> ReadAsync(string lakeFolder, string layer, string runId, CancellationToken cancellationToken)
    {
        var examples = new Dictionary<string, List<QuarantineExample>>(StringComparer.Ordinal);
        var layerFolder = Path.Combine(lakeFolder, LakeLayout.QuarantineRoot, layer);
        if (!Directory.Exists(layerFolder))
        {
            return examples;
        }

        foreach (var tableFolder in Directory.EnumerateDirectories(layerFolder).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(lakeFolder, LakeLayout.Quarantine(layer, Path.GetFileName(tableFolder), runId));
            if (!File.Exists(file))
            {
                continue;
            }

            var lines = 0;
            await foreach (var line in File.ReadLinesAsync(file, cancellationToken).ConfigureAwait(false))
            {
                if (++lines > MaxLinesPerFile)
                {
                    break;
                }

                try
                {
                    Collect(examples, line);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new InvalidDataException($"Line {lines} of the quarantine file '{file}' is not a rejected record ({e.Message}).", e);
                }
            }
        }

        return examples;
    }

    private static void Collect(Dictionary<string, List<QuarantineExample>> examples, string line)
    {
        using var record = JsonDocument.Parse(line);
        var root = record.RootElement;
        var reason = root.GetProperty("reason").GetString() ?? string.Empty;
        if (!examples.TryGetValue(reason, out var list))
        {
            examples[reason] = list = [];
        }

        if (list.Count < PerReason)
        {
            list.Add(new QuarantineExample(
                root.GetProperty("table").GetString() ?? string.Empty,
                root.GetProperty("symbol").GetString() ?? string.Empty,
                root.TryGetProperty("trade_date", out var date) && date.ValueKind == JsonValueKind.String ? date.GetString() : null,
                root.GetProperty("detail").GetString() ?? string.Empty));
        }
    }
}
