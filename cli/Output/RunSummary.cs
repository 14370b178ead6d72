using System.Globalization;
using Spectre.Console;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Pipeline;

namespace StockLakehouse.Cli.Output;

/// <summary>Prints what a run did: time per stage, table row counts, rejects, failed checks with sample rows, and where everything is.</summary>
public static class RunSummary
{
    public static void Print(IAnsiConsole console, PipelineResult result, LakehouseOptions options)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]Run {Markup.Escape(result.RunId)}[/]: {options.Symbols.Count} symbols, {options.Start:yyyy-MM-dd} to {options.End:yyyy-MM-dd}, seed {options.Seed}");
        var stages = new Table().AddColumns("stage", "time", "in", "out", "rejected");
        foreach (var stage in result.Stages)
        {
            stages.AddRow(
                stage.Stage,
                string.Create(CultureInfo.InvariantCulture, $"{stage.DurationMs / 1000.0:F1} s"),
                stage.RecordsIn.ToString("N0", CultureInfo.InvariantCulture),
                stage.RecordsOut.ToString("N0", CultureInfo.InvariantCulture),
                stage.Rejects.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(stages);
        if (result.Tables.Count > 0)
        {
            var tables = new Table().AddColumns("warehouse table", "rows");
            foreach (var (name, rows) in result.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tables.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(tables);
        }

        var rejects = result.Stages.Where(s => s.Stage != "check").SelectMany(s => s.Rejects.Select(r => (s.Stage, r.Key, r.Value))).ToArray();
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
        plain.WriteLine($"lake:       {options.LakeFolder}");
        if (result.Stages.Any(s => s.Stage is "load" or "check"))
        {
            plain.WriteLine($"warehouse:  {options.WarehousePath}  (open with: duckdb {options.WarehousePath})");
        }

        plain.WriteLine($"manifest:   {result.ManifestPath}");
        plain.WriteLine($"log:        {result.LogPath}");
        if (result.QuarantinePath is not null)
        {
            plain.WriteLine($"quarantine: {result.QuarantinePath}");
        }

        plain.Flush();
    }
}
