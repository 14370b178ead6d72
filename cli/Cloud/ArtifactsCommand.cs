using System.CommandLine;
using StockLakehouse.Cloud.Artifacts;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cli.Cloud;

/// <summary><c>lakehouse artifacts --out &lt;folder&gt;</c>: writes the Composer DAGs' generated files (see <see cref="ArtifactGenerator"/>).</summary>
public sealed class ArtifactsCommand
{
    private readonly Option<string> _out = new("--out", "-o") { Description = "Folder to write the generated files into.", DefaultValueFactory = _ => Path.Combine("dags", "generated") };
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public ArtifactsCommand(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public Command Create()
    {
        var command = new Command("artifacts", "Generate the files the Composer DAGs use (BigQuery schemas, load jobs, merges, checks, marts; Dataproc batches) from schemas/.") { _out };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(_out)!, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(string folder, CancellationToken cancellationToken)
    {
        IReadOnlyList<GeneratedFile> files;
        try
        {
            files = ArtifactGenerator.Generate(SchemaCatalog.LoadDefault(), MartCatalog.LoadDefault());
        }
        catch (Exception e) when (e is InvalidDataException or DirectoryNotFoundException or FileNotFoundException)
        {
            await _error.WriteLineAsync($"lakehouse artifacts: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            var removed = await ArtifactWriter.WriteAsync(folder, files, cancellationToken).ConfigureAwait(false);
            await _output.WriteLineAsync($"Wrote {files.Count} files to {Path.GetFullPath(folder)}.").ConfigureAwait(false);
            foreach (var stale in removed)
            {
                await _output.WriteLineAsync($"Removed stale {stale}.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await _error.WriteLineAsync($"lakehouse artifacts: cannot write to '{folder}': {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }
}
