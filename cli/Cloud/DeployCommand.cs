using System.CommandLine;
using System.Globalization;
using Serilog;
using Serilog.Events;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Pipeline;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Deploy;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Http;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Transport;

namespace StockLakehouse.Cli.Cloud;

/// <summary>
/// <c>lakehouse deploy --date … --project … --region … --bucket … --dataset … [--dry-run]</c>: uploads the local
/// lake's objects for the date to GCS, runs the Spark batches on Dataproc Serverless, creates and loads the
/// BigQuery warehouse, creates the marts and runs the checks — or, with --dry-run, prints exactly that plan.
/// </summary>
public sealed class DeployCommand
{
    private readonly Option<string?> _date = new("--date") { Description = "The run date, yyyy-MM-dd: raw objects landed on or before it are uploaded (create-only), and the batches run for it." };
    private readonly Option<string?> _project = new("--project") { Description = "Google Cloud project of BigQuery and Dataproc." };
    private readonly Option<string?> _region = new("--region") { Description = "Dataproc region, e.g. europe-west1." };
    private readonly Option<string?> _location = new("--location") { Description = "BigQuery location of the dataset (default: the region; use the bucket's location)." };
    private readonly Option<string?> _bucket = new("--bucket") { Description = "GCS bucket of the lake, without gs://." };
    private readonly Option<string?> _dataset = new("--dataset") { Description = "BigQuery dataset of the warehouse." };
    private readonly Option<string> _out = new("--out", "-o") { Description = "Output folder of the local run; its lake is <out>/lake.", DefaultValueFactory = _ => OptionDefaults.OutputFolder };
    private readonly Option<string?> _image = new("--container-image") { Description = "Dataproc custom container (default: <region>-docker.pkg.dev/<project>/lakehouse-images/spark-dotnet:latest)." };
    private readonly Option<string?> _serviceAccount = new("--service-account") { Description = "Service account of the batches (default: lakehouse-dataproc@<project>.iam.gserviceaccount.com)." };
    private readonly Option<string?> _subnetwork = new("--subnetwork") { Description = "Subnetwork URI of the batches (default: the lakehouse-dataproc subnetwork terraform/ creates)." };
    private readonly Option<int> _attempt = new("--attempt") { Description = "Attempt number of the day's batches; a failed batch id is never reused, so retry with --attempt 2.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _skipSpark = new("--skip-spark") { Description = "Do not run the Dataproc batches; load the uploaded silver and gold as they are." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print what would be uploaded, created and submitted, and do nothing." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show debug messages." };
    private readonly TimeProvider _clock;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public DeployCommand(TimeProvider clock, TextWriter output, TextWriter error)
    {
        _clock = clock;
        _output = output;
        _error = error;
    }

    public Command Create()
    {
        var command = new Command("deploy", "Deploy a date to Google Cloud: upload the lake to GCS, run the Spark batches on Dataproc, load BigQuery, create the marts, run the checks. --dry-run prints the plan.")
        {
            _date, _project, _region, _location, _bucket, _dataset, _out, _image, _serviceAccount, _subnetwork, _attempt, _skipSpark, _dryRun, _verbose,
        };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        DeployPlan plan;
        SchemaCatalog schemas;
        MartCatalog marts;
        try
        {
            var options = DeployArguments.Resolve(
                parse.GetValue(_date),
                parse.GetValue(_project),
                parse.GetValue(_region),
                parse.GetValue(_location),
                parse.GetValue(_bucket),
                parse.GetValue(_dataset),
                parse.GetValue(_out)!,
                parse.GetValue(_image),
                parse.GetValue(_serviceAccount),
                parse.GetValue(_subnetwork),
                parse.GetValue(_attempt),
                parse.GetValue(_skipSpark));
            schemas = SchemaCatalog.LoadDefault();
            marts = MartCatalog.LoadDefault();
            plan = await DeployPlanner.PlanAsync(options, schemas, marts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException)
        {
            await _error.WriteLineAsync($"lakehouse deploy: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parse.GetValue(_dryRun))
        {
            await DeployPlanPrinter.PrintAsync(plan, _output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        using var log = new LoggerConfiguration()
            .MinimumLevel.Is(parse.GetValue(_verbose) ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: CultureInfo.InvariantCulture)
            .CreateLogger();
        try
        {
            var result = await RunAsync(plan, schemas, marts, log, cancellationToken).ConfigureAwait(false);
            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Deployed {plan.Options.Date:yyyy-MM-dd}: {result.Uploaded} objects uploaded ({result.AlreadyInBucket} raw already in gs://{plan.Options.Bucket}), {result.Batches.Count} batches, {result.TablesCreated.Count} tables created, {result.Loads.Count} tables loaded, {result.Checks.Count - result.Failures.Count}/{result.Checks.Count} checks passed.")).ConfigureAwait(false);
            foreach (var failed in result.Failures)
            {
                await _output.WriteLineAsync($"  FAILED {failed.Table}.{failed.Name}: {failed.Violations} rows. {failed.Description}").ConfigureAwait(false);
                foreach (var row in failed.Sample)
                {
                    await _output.WriteLineAsync($"    {row}").ConfigureAwait(false);
                }
            }

            return result.Failures.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            await _error.WriteLineAsync("lakehouse deploy: cancelled; what was uploaded or submitted stays.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The boundary: the cloud service's own message, verbatim, is what the user needs.
            log.Debug(e, "Deploy failed");
            await _error.WriteLineAsync($"lakehouse deploy: {e.Message}").ConfigureAwait(false);
            return ExitCodes.StageFailed;
        }
    }

    private async Task<DeployResult> RunAsync(DeployPlan plan, SchemaCatalog schemas, MartCatalog marts, ILogger log, CancellationToken cancellationToken)
    {
        var o = plan.Options;
        var credential = await ApplicationDefaultCredentials.GetAsync(cancellationToken).ConfigureAwait(false);
        using var http = GoogleCloudHttp.CreateClient(credential, _clock, log);
        var json = new GoogleJsonClient(http);
        var bucket = new GcsObjectStore(new GcsObjectStoreOptions(new GcsLocation(o.Bucket)), GcsClients.FromEnvironment(), log);
        var bigQuery = new BigQueryClient(json, o.Project);
        var warehouse = new BigQueryWarehouse(
            bigQuery,
            new BigQueryJobPoller(bigQuery, _clock, Backoff.BigQueryJobs, log),
            new BigQueryJobIds(_clock),
            plan.Dataset,
            o.Location,
            log);
        var dataproc = new DataprocBatchRunner(new DataprocClient(json, o.Project, o.Region), _clock, Backoff.DataprocBatches, log);
        // Without the Spark batches the bucket's gold is the local lake's, and gold's states say what changed since the
        // files the warehouse loaded: the loads merge from there, where the bucket still holds the very files.
        var lake = new LocalDirectoryObjectStore(o.LakeFolder);
        var known = o.RunSparkBatches ? null : new BucketGoldFingerprints(new GoldStateFingerprints(lake, schemas[LakeNames.FactStockPrice], Environment.ProcessorCount), lake, bucket);
        return await new DeployRunner(bucket, dataproc, warehouse, log).RunAsync(plan, schemas, marts, cancellationToken, known).ConfigureAwait(false);
    }
}
