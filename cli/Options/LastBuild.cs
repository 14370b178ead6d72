using System.Globalization;
using System.Text.Json;
using StockLakehouse.Cli.Pipeline;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cli.Options;

/// <summary>What the run manifests of a local lake say about the newest run that built gold.</summary>
public static class LastBuild
{
    private static readonly string[] Builders = [PipelineCommand.Run.Name, PipelineCommand.Transform.Name];

    /// <summary>
    /// The session a warehouse built up to <paramref name="end"/> must reach: the last NYSE trading day on or before
    /// it. The freshness checks expect it, and the dashboard shows data freshness against it.
    /// </summary>
    public static DateOnly ExpectedSession(DateOnly end) => NyseCalendar.Instance.LastTradingDayOnOrBefore(end);

    /// <summary>
    /// The end date of the newest <c>run</c>, or <c>transform</c> given an <c>--end</c>, in <paramref name="lakeFolder"/>
    /// that got through gold (status succeeded, checks_failed or extract_incomplete), or null when there is none. A
    /// run's end is where its data ends (given, or its source's default); a transform's default end says nothing
    /// about the data, so such a transform is passed over. Run ids start with their UTC start time, so the newest is
    /// the greatest.
    /// </summary>
    public static DateOnly? EndDate(string lakeFolder)
    {
        var runs = Path.Combine(lakeFolder, LakeLayout.RunsRoot);
        if (!Directory.Exists(runs))
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(runs).OrderByDescending(Path.GetFileName, StringComparer.Ordinal))
        {
            var manifest = Path.Combine(lakeFolder, LakeLayout.Manifest(Path.GetFileName(folder)));
            if (!File.Exists(manifest))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
                var root = document.RootElement;
                if (root.TryGetProperty("command", out var command) && Builders.Contains(command.GetString())
                    && root.TryGetProperty("status", out var status) && status.Deserialize<RunStatus>() is RunStatus.Succeeded or RunStatus.ChecksFailed or RunStatus.ExtractIncomplete
                    && root.TryGetProperty("options", out var options) && options.TryGetProperty("end", out var end)
                    && (command.GetString() == PipelineCommand.Run.Name || options.TryGetProperty("end_given", out var given) && given.ValueKind == JsonValueKind.True)
                    && DateOnly.TryParseExact(end.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
            }
            catch (JsonException)
            {
                // A manifest cut short by a crash says nothing about what was built; look further back.
            }
        }

        return null;
    }
}
