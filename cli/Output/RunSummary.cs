using System.Globalization;
using Spectre.Console;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Pipeline;

namespace StockLakehouse.Cli.Output;

/// <summary>Prints what a run did: time per stage, table row counts, rejects, failed checks with sample rows, and where everything is.</summary>
public static class RunSummary
{
    private const int MaxFailuresShown = 10;

    public static void Print(IAnsiConsole console, PipelineResult result, CommandSettings settings)
    {
        console.WriteLine();
        var options = settings.Common;
        var source = settings.Extract switch
        {
            null => string.Empty,
            { IsSimulated: true } extract => $", simulated market, seed {extract.Source.Seed}",
            var extract => $", {extract.Source.Source}",
        };
        console.MarkupLine($"[bold]Run {Markup.Escape(result.RunId)}[/]: {result.Symbols} symbols, {options.Start:yyyy-MM-dd} to {options.End:yyyy-MM-dd}{Markup.Escape(source)}");
        var stages = new Table().AddColumns("stage", "time", "in", "out", "rejected");
        foreach (var stage in result.Stages)
        {
            stages.AddRow(
                stage.Stage.Name(),
                string.Create(CultureInfo.InvariantCulture, $"{stage.DurationMs / 1000.0:F1} s"),
                stage.RecordsIn.ToString("N0", CultureInfo.InvariantCulture),
                stage.RecordsOut.ToString("N0", CultureInfo.InvariantCulture),
                stage.Rejects.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(stages);
        PrintExtract(console, result);
        if (result.Tables.Count > 0)
        {
            var tables = new Table().AddColumns("warehouse table", "rows");
            foreach (var (name, rows) in result.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tables.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(tables);
        }

        var rejects = result.Stages.Where(s => s.Stage != PipelineStage.Check).SelectMany(s => s.Rejects.Select(r => (Stage: s.Stage.Name(), r.Key, r.Value))).ToArray();
        if (rejects.Length > 0)
        {
            var table = new Table().AddColumns("stage", "reject reason", "records");
            foreach (var (stage, reason, count) in rejects)
            {
                table.AddRow(stage, reason, count.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        if (result.Checks.Count > 0)
        {
            var failed = result.Checks.Where(c => !c.Passed).ToArray();
            console.MarkupLine(failed.Length == 0
                ? $"[green]All {result.Checks.Count} checks passed.[/]"
                : $"[red]{failed.Length} of {result.Checks.Count} checks failed:[/]");
            foreach (var check in failed)
            {
                console.MarkupLine($"  [red]{Markup.Escape(check.Table)}.{Markup.Escape(check.Name)}[/]: {check.Violations} rows. {Markup.Escape(check.Description)}");
                foreach (var row in check.Sample)
                {
                    console.MarkupLine($"    {Markup.Escape(row)}");
                }
            }
        }

        // Paths go out unwrapped so they can be copied from any terminal width.
        var plain = console.Profile.Out.Writer;
        plain.WriteLine();
        plain.WriteLine($"lake:       {options.Lake}");
        if (result.Stages.Any(s => s.Stage is PipelineStage.Load or PipelineStage.Check))
        {
            plain.WriteLine($"warehouse:  {options.WarehousePath}  (open with: duckdb {options.WarehousePath})");
            plain.WriteLine($"dashboard:  {Dashboard.DashboardCommand.PagePath(options.OutputFolder)}  (write it from this warehouse with: make dashboard, or lakehouse dashboard --out {options.OutputFolder})");
        }

        plain.WriteLine($"manifest:   {result.ManifestPath}");
        plain.WriteLine($"log:        {result.LogPath}");
        if (result.QuarantinePath is not null)
        {
            plain.WriteLine($"quarantine: {result.QuarantinePath}");
        }

        plain.Flush();
    }

    /// <summary>Requests per source and outcome, why a source stopped, and the first requests that landed nothing.</summary>
    private static void PrintExtract(IAnsiConsole console, PipelineResult result)
    {
        var sources = result.Stages
            .Where(s => s.Stage == PipelineStage.Extract && s.Details.TryGetValue("sources", out _))
            .SelectMany(s => (IEnumerable<ExtractSourceRecord>)s.Details["sources"])
            .ToArray();
        if (sources.Length == 0)
        {
            return;
        }

        var table = new Table().AddColumns("source", "dataset", "outcome", "requests");
        foreach (var source in sources)
        {
            foreach (var (outcome, count) in source.Outcomes)
            {
                table.AddRow(source.Source, source.Dataset, outcome, count.ToString("N0", CultureInfo.InvariantCulture));
            }

            if (source.NotRequested.Count > 0)
            {
                table.AddRow(source.Source, source.Dataset, "not_requested", source.NotRequested.Count.ToString("N0", CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
        foreach (var source in sources.Where(s => s.StoppedReason is not null))
        {
            console.MarkupLine($"[yellow]{Markup.Escape(source.Source)} stopped:[/] {Markup.Escape(source.StoppedReason!)} The next run resumes what did not land.");
        }

        var failed = sources.SelectMany(s => s.Requests.Where(r => r.ObjectKey is null).Select(r => (s.Source, Request: r))).ToArray();
        foreach (var (source, request) in failed.Take(MaxFailuresShown))
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(source)} {Markup.Escape(request.Symbol)}[/] {request.From}..{request.To}: {Markup.Escape(request.Outcome)}. {Markup.Escape(request.Detail)}");
        }

        if (failed.Length > MaxFailuresShown)
        {
            console.MarkupLine($"  … and {failed.Length - MaxFailuresShown} more; the manifest lists every request.");
        }
    }
}
