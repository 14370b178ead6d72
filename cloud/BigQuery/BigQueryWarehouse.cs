using System.Globalization;
using System.Text.Json.Nodes;
using Google;
using Serilog;
using StockLakehouse.Cloud.Http;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The BigQuery warehouse, with the behaviour of the local <c>DuckDbWarehouse</c>: tables created from
/// schemas/, gold Parquet loaded from the lake bucket into a staging table and merged by key (so reloading
/// the same lake changes nothing), mart views, and the same checks. Every job is waited for; a failure
/// surfaces BigQuery's own message. A create answered 409 — usually the transport's resend of a create whose
/// first attempt did reach BigQuery — follows what exists: the job with that id is polled to DONE, the table
/// is checked like one found in place.
/// </summary>
public sealed class BigQueryWarehouse
{
    private readonly BigQueryClient _client;
    private readonly BigQueryJobPoller _jobs;
    private readonly BigQueryJobIds _ids;
    private readonly string _location;
    private readonly ILogger _log;

    public BigQueryWarehouse(BigQueryClient client, BigQueryJobPoller jobs, BigQueryJobIds ids, BigQueryDataset dataset, string location, ILogger log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        _client = client;
        _jobs = jobs;
        _ids = ids;
        Dataset = dataset;
        _location = location;
        _log = log;
    }

    public BigQueryDataset Dataset { get; }

    /// <summary>Creates the dataset in the warehouse's location; returns false when it existed.</summary>
    public async Task<bool> EnsureDatasetAsync(string description, CancellationToken cancellationToken)
    {
        var created = await _client.InsertDatasetAsync(Dataset.Dataset, _location, description, cancellationToken).ConfigureAwait(false);
        _log.Information("Dataset {Project}.{Dataset} {Outcome}", Dataset.Project, Dataset.Dataset, created ? "created" : "already exists");
        return created;
    }

    /// <summary>
    /// Creates <paramref name="table"/> when missing. An existing table must have the declared columns and
    /// types; otherwise the merge would fail half-way, so this fails first and names the difference. A
    /// <c>tables.insert</c> answered 409 (created meanwhile, or by an earlier attempt of the same insert) counts
    /// as existing and is checked the same way. An existing table whose resource counts no rows is
    /// <see cref="TableProvisioning.ExistedEmpty"/>.
    /// </summary>
    public async Task<TableProvisioning> EnsureTableAsync(TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var existing = await _client.GetTableAsync(Dataset.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            VerifyColumns(table, existing);
            return Found(existing);
        }

        try
        {
            await _client.InsertTableAsync(Dataset.Dataset, BigQueryTableResource.For(table, Dataset), cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.IsAlreadyExists())
        {
            _log.Information("Table {Table} in {Dataset} already exists; checking its columns", table.Name, Dataset.Dataset);
            existing = await _client.GetTableAsync(Dataset.Dataset, table.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"BigQuery answered that table '{table.Name}' exists in '{Dataset.Dataset}', then that it does not; deploy again.", e);
            VerifyColumns(table, existing);
            return Found(existing);
        }

        _log.Information("Created table {Table} in {Dataset}", table.Name, Dataset.Dataset);
        return TableProvisioning.Created;
    }

    /// <summary>An existing table's provisioning: empty when its resource counts 0 rows (numRows, a string of the REST API).</summary>
    private static TableProvisioning Found(JsonObject existing) =>
        existing["numRows"] is JsonValue rows && rows.TryGetValue<string>(out var count) && count == "0" ? TableProvisioning.ExistedEmpty : TableProvisioning.Existed;

    /// <summary>Loads the table's Parquet files from <paramref name="bucket"/> into the run's staging table, then merges it into the table.</summary>
    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    public async Task<BigQueryLoadResult> LoadAsync(TableSchema table, string bucket, string run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var load = await RunJobAsync($"load_{table.Name}", BigQueryLoadJob.Configuration(table, Dataset, bucket, run), cancellationToken).ConfigureAwait(false);
        var merge = await RunQueryJobAsync($"merge_{table.Name}", BigQueryMergeSql.For(table, Dataset, run), cancellationToken).ConfigureAwait(false);
        _log.Information("Loaded {Table}: {Rows} rows staged from {Uri} and merged by key", table.Name, load.LoadedRows, BigQueryLoadJob.SourceUri(table, bucket));
        return new BigQueryLoadResult(table.Name, load.LoadedRows, load.Reference.JobId, merge.Reference.JobId);
    }

    /// <summary>
    /// Stages <paramref name="sourceUris"/> (the changed partition files of the table, none when nothing changed) in the
    /// run's staging table, <see cref="BigQueryLoadJob.MaxSourceUris"/> per load job, then runs <paramref name="script"/>
    /// (<see cref="BigQueryMergeSql.ForPartitions"/>).
    /// </summary>
    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    /// <param name="beforeMerge">Runs once the files are staged, before the script; a throw stops the load there.</param>
    public async Task<BigQueryLoadResult> LoadChangedAsync(TableSchema table, string run, IReadOnlyList<string> sourceUris, string script, CancellationToken cancellationToken, Func<CancellationToken, Task>? beforeMerge = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sourceUris);
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        long staged = 0;
        var loadJob = string.Empty;
        foreach (var (batch, index) in sourceUris.Chunk(BigQueryLoadJob.MaxSourceUris).Select((b, i) => (b, i)))
        {
            var load = await RunJobAsync($"load_{table.Name}", BigQueryLoadJob.Configuration(table, Dataset, batch, run, append: index > 0), cancellationToken).ConfigureAwait(false);
            staged += load.LoadedRows ?? 0;
            loadJob = load.Reference.JobId;
        }

        if (beforeMerge is not null)
        {
            await beforeMerge(cancellationToken).ConfigureAwait(false);
        }

        var merge = await RunQueryJobAsync($"merge_{table.Name}", script, cancellationToken).ConfigureAwait(false);
        _log.Information("Loaded {Table}: {Rows} rows staged from {Files} changed partition files and merged by key", table.Name, staged, sourceUris.Count);
        return new BigQueryLoadResult(table.Name, staged, loadJob, merge.Reference.JobId);
    }

    /// <summary>Refills the correlation symbols and (re)creates every mart view in declared order.</summary>
    public async Task CreateMartsAsync(SchemaCatalog schemas, MartCatalog marts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marts);
        await RunQueryJobAsync("mart_symbols", BigQueryMartSql.CorrelationSymbols(marts, Dataset), cancellationToken).ConfigureAwait(false);
        var relations = BigQueryMartSql.Relations(schemas, marts);
        foreach (var view in marts.Views)
        {
            await RunQueryJobAsync($"view_{view.Name}", BigQueryMartSql.View(view, Dataset, relations), cancellationToken).ConfigureAwait(false);
        }

        _log.Information("Created {Views} mart views", marts.Views.Count);
    }

    /// <summary>Runs each check of the shared SQL, translated for <paramref name="relations"/>, once through <see cref="CheckResult.OutcomeSql"/>, and returns each outcome with up to <see cref="CheckResult.SampleSize"/> offending rows.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, IEnumerable<string> relations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var translator = new BigQuerySqlTranslator(Dataset, relations);
        var results = new List<CheckResult>();
        foreach (var check in checks.Select(c => new BigQueryCheck(c.Table, c.Name, c.Description, translator.Translate(c.Sql))))
        {
            var counted = await _jobs.QueryAsync(check.CountSql, _location, cancellationToken).ConfigureAwait(false);
            if (counted.SingleLong() == 0)
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.CountSql));
                continue;
            }

            var outcome = await _jobs.QueryAsync(CheckResult.OutcomeSql(check.ViolationsSql), _location, cancellationToken).ConfigureAwait(false);
            results.Add(CheckResult.FromOutcome(check.Table, check.Name, check.Description, outcome.Columns, outcome.Rows, check.CountSql));
        }

        return results;
    }

    /// <summary>Runs one statement of the shared SQL as a query job, translated for <paramref name="relations"/>.</summary>
    public async Task ExecuteAsync(string purpose, string sql, IEnumerable<string> relations, CancellationToken cancellationToken) =>
        await RunQueryJobAsync(purpose, new BigQuerySqlTranslator(Dataset, relations).Translate(sql), cancellationToken).ConfigureAwait(false);

    /// <summary>The rows of a query of the shared SQL, translated for <paramref name="relations"/>.</summary>
    public async Task<BigQueryQueryResult> QueryAsync(string sql, IEnumerable<string> relations, CancellationToken cancellationToken) =>
        await _jobs.QueryAsync(new BigQuerySqlTranslator(Dataset, relations).Translate(sql), _location, cancellationToken).ConfigureAwait(false);

    private async Task<BigQueryJob> RunQueryJobAsync(string purpose, string sql, CancellationToken cancellationToken) =>
        await RunJobAsync(purpose, new JsonObject { ["query"] = new JsonObject { ["query"] = sql, ["useLegacySql"] = false } }, cancellationToken).ConfigureAwait(false);

    private async Task<BigQueryJob> RunJobAsync(string purpose, JsonObject configuration, CancellationToken cancellationToken)
    {
        var jobId = _ids.Next(purpose);
        _log.Debug("Starting BigQuery job {JobId}", jobId);
        BigQueryJob job;
        try
        {
            job = await _client.InsertJobAsync(jobId, _location, configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.IsAlreadyExists())
        {
            // Job ids are unique per run, so the job that exists is this insert's own, started by an attempt
            // whose answer was lost: follow it rather than start the work a second time.
            _log.Information("BigQuery job {JobId} already exists; following it", jobId);
            job = await _client.GetJobAsync(new BigQueryJobReference(_client.ProjectId, jobId, _location), cancellationToken).ConfigureAwait(false);
        }

        return await _jobs.WaitAsync(job, cancellationToken).ConfigureAwait(false);
    }

    private static void VerifyColumns(TableSchema table, JsonObject existing)
    {
        var actual = existing["schema"]?["fields"] is JsonArray fields
            ? fields.Select(f => $"{f?["name"]?.GetValue<string>()} {Canonical(f?["type"]?.GetValue<string>())}").ToArray()
            : [];
        var expected = table.Fields.Select(f => $"{f.Name} {Canonical(f.BigQueryType)}").ToArray();
        var missing = expected.Except(actual).ToArray();
        var extra = actual.Except(expected).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"BigQuery table '{table.Name}' does not match schemas/: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}]. Alter or drop the table, then deploy again."));
        }
    }

    /// <summary>tables.get reports legacy type names (INTEGER, FLOAT, BOOLEAN) for what schemas/ may spell INT64, FLOAT64, BOOL.</summary>
    private static string? Canonical(string? type) => type switch
    {
        "INTEGER" => "INT64",
        "FLOAT" => "FLOAT64",
        "BOOLEAN" => "BOOL",
        _ => type,
    };
}
