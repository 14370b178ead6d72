using System.Text.Json;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Dashboard.Runs;

/// <summary>
/// The pipeline's health from the lake: the newest run manifests (<c>_runs/&lt;run id&gt;/manifest.json</c>) with their
/// stage timings, rows in and out, rejects by reason with examples from the run's quarantine files, and every check
/// with its result.
/// </summary>
internal static class RunHistory
{
    private const int ChecksSampleRows = 3;

    /// <summary>Writes the <c>runs</c> array, newest first; returns how many runs it holds.</summary>
    public static async Task<int> WriteAsync(Utf8JsonWriter json, string lakeFolder, int count, CancellationToken cancellationToken)
    {
        var runsFolder = Path.Combine(lakeFolder, LakeLayout.RunsRoot);
        var manifests = Directory.Exists(runsFolder)
            ? Directory.EnumerateDirectories(runsFolder)
                .Select(folder => Path.Combine(lakeFolder, LakeLayout.Manifest(Path.GetFileName(folder))))
                .Where(File.Exists)
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .Take(count)
                .ToArray()
            : [];
        json.WriteStartArray("runs");
        foreach (var path in manifests)
        {
            try
            {
                using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
                await WriteRunAsync(json, manifest.RootElement, lakeFolder, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // The page is not written: a manifest it cannot read would otherwise leave a silently empty health view.
                throw new InvalidDataException($"The run manifest '{path}' is not one the pipeline writes ({e.Message}); move it aside or delete its run folder.", e);
            }
        }

        json.WriteEndArray();
        return manifests.Length;
    }

    private static async Task WriteRunAsync(Utf8JsonWriter json, JsonElement run, string lakeFolder, CancellationToken cancellationToken)
    {
        var runId = run.GetProperty("run_id").GetString() ?? throw new InvalidOperationException("its run_id is null");
        json.WriteStartObject();
        foreach (var name in (string[])["run_id", "command", "status", "error", "started_at", "finished_at"])
        {
            if (run.TryGetProperty(name, out var value))
            {
                json.WritePropertyName(name);
                value.WriteTo(json);
            }
        }

        if (run.TryGetProperty("options", out var options))
        {
            json.WriteStartObject("options");
            foreach (var name in (string[])["symbols", "start", "end", "source"])
            {
                if (options.TryGetProperty(name, out var value))
                {
                    json.WritePropertyName(name);
                    value.WriteTo(json);
                }
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("stages");
        foreach (var stage in run.GetProperty("stages").EnumerateArray())
        {
            await WriteStageAsync(json, stage, runId, lakeFolder, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        json.WritePropertyName("tables");
        if (run.TryGetProperty("tables", out var tables))
        {
            tables.WriteTo(json);
        }
        else
        {
            json.WriteStartObject();
            json.WriteEndObject();
        }

        json.WriteStartArray("checks");
        foreach (var check in run.GetProperty("checks").EnumerateArray())
        {
            json.WriteStartObject();
            foreach (var name in (string[])["table", "name", "description", "violations", "passed", "sql"])
            {
                json.WritePropertyName(name);
                check.GetProperty(name).WriteTo(json);
            }

            json.WriteStartArray("sample");
            foreach (var row in check.GetProperty("sample").EnumerateArray().Take(ChecksSampleRows))
            {
                row.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task WriteStageAsync(Utf8JsonWriter json, JsonElement stage, string runId, string lakeFolder, CancellationToken cancellationToken)
    {
        var name = stage.GetProperty("stage").GetString() ?? string.Empty;
        json.WriteStartObject();
        json.WriteString("stage", name);
        foreach (var property in (string[])["duration_ms", "records_in", "records_out"])
        {
            json.WriteNumber(property, stage.GetProperty(property).GetInt64());
        }

        var rejects = stage.GetProperty("rejects").EnumerateObject().Select(r => (Reason: r.Name, Count: r.Value.GetInt64())).ToArray();
        var examples = rejects.Length == 0
            ? new Dictionary<string, List<QuarantineExample>>()
            : await QuarantineExamples.ReadAsync(lakeFolder, name, runId, cancellationToken).ConfigureAwait(false);
        json.WriteStartArray("rejects");
        foreach (var (reason, count) in rejects.OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("reason", reason);
            json.WriteNumber("count", count);
            json.WriteStartArray("examples");
            foreach (var example in examples.GetValueOrDefault(reason) ?? [])
            {
                json.WriteStartObject();
                json.WriteString("table", example.Table);
                json.WriteString("symbol", example.Symbol);
                json.WriteString("trade_date", example.TradeDate);
                json.WriteString("detail", example.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
