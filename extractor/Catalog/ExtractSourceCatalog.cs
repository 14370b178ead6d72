using System.Globalization;
using Serilog;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Fetching;
using StockLakehouse.Extractor.Limits;
using StockLakehouse.Extractor.Secrets;
using StockLakehouse.Extractor.Sources;
using StockLakehouse.Extractor.Sources.AlphaVantage;
using StockLakehouse.Extractor.Sources.Http;
using StockLakehouse.Extractor.Sources.Import;
using StockLakehouse.Extractor.Sources.Reference;
using StockLakehouse.Extractor.Sources.Simulated;
using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Extractor.Catalog;

/// <summary>
/// Builds the sources the CLI can name, each wrapped in its politeness: per-request timeout, rate limits,
/// retries with backoff, and a stop switch for source-wide failures. Configuration errors (unknown name,
/// missing key, folder or file) throw <see cref="SourceConfigurationException"/> before anything is fetched.
/// </summary>
public static class ExtractSourceCatalog
{
    public const string Simulated = "simulated";
    public const string Yahoo = LakeNames.Yahoo;
    public const string AlphaVantage = LakeNames.AlphaVantage;
    public const string Import = "import";
    public const string Reference = LakeNames.Reference;

    public static IReadOnlyList<string> Names { get; } = [Simulated, Yahoo, AlphaVantage, Import, Reference];

    /// <summary>
    /// The sources for <paramref name="options"/>: one per dataset to extract (Alpha Vantage may land several,
    /// which share one key and so one set of limits and one stop switch; every other source has one dataset).
    /// </summary>
    public static IReadOnlyList<ExtractSource> Create(ExtractSourceOptions options, ReferenceData reference, TimeProvider clock, ILogger log) =>
        Create(options, reference, clock, log, SharedHttpClient.Instance, Environment.GetEnvironmentVariable, Random.Shared.NextDouble);

    internal static IReadOnlyList<ExtractSource> Create(
        ExtractSourceOptions options,
        ReferenceData reference,
        TimeProvider clock,
        ILogger log,
        HttpClient http,
        Func<string, string?> readEnvironment,
        Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(log);
        var context = new SourceBuildContext(clock, log, http, random);
        return options.Source.Trim().ToLowerInvariant() switch
        {
            Simulated => [ExtractSource.FromChartSource(
                new SimulatedChartSource(options.Seed, options.InjectDefects, reference, clock),
                string.Create(CultureInfo.InvariantCulture, $"yahoo chart v8 (simulated market, seed {options.Seed})"))],
            Yahoo => [CreateYahoo(options.Yahoo, context)],
            AlphaVantage => CreateAlphaVantage(options.AlphaVantage, context, readEnvironment),
            Import => [CreateImport(options, context)],
            Reference => [CreateReference(options, context)],
            _ => throw new SourceConfigurationException(
                $"Unknown source '{options.Source}'; expected one of {string.Join(", ", Names)}."),
        };
    }

    private static ExtractSource CreateYahoo(YahooOptions yahoo, SourceBuildContext context)
    {
        var raw = new YahooChartSource(yahoo, new HttpFetcher(context.Http, context.Clock));
        var limits = new CompositeLimiter(
            new ConcurrencyLimiter(yahoo.MaxConcurrency),
            SlidingWindowLimiter.PerSecond(yahoo.RequestsPerSecond, context.Clock));
        var stop = new SourceStop();
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"yahoo chart v8 at {yahoo.BaseUrl.AbsoluteUri} ({yahoo.MaxConcurrency} concurrent, {yahoo.RequestsPerSecond} requests/s, timeout {yahoo.Policy.Timeout.TotalSeconds} s, {yahoo.Policy.MaxAttempts} attempts)");
        return new ExtractSource(raw, Remote(raw, SecretRedactor.UrlsOnly, yahoo.Policy, limits, stop, context), description, stop, landsUnderRangeEnd: false);
    }

    private static List<ExtractSource> CreateAlphaVantage(AlphaVantageOptions alphaVantage, SourceBuildContext context, Func<string, string?> readEnvironment)
    {
        var key = AlphaVantageKey.Resolve(alphaVantage.ApiKeyFile, alphaVantage.ApiKeyVariable, readEnvironment);
        var redactor = new SecretRedactor([key.Reveal()]);
        var client = new AlphaVantageClient(alphaVantage.BaseUrl, key, new HttpFetcher(context.Http, context.Clock));
        var messages = new AlphaVantageMessages(alphaVantage.ThrottleWait, AlphaVantageMessages.Default.PerSecondWait);
        // One key, one quota: every dataset draws on the same daily budget, per-minute window and stop switch.
        var limits = new CompositeLimiter(
            new DailyBudgetLimiter(alphaVantage.RequestsPerDay, AlphaVantage, context.Clock),
            new SlidingWindowLimiter(alphaVantage.RequestsPerMinute, TimeSpan.FromMinutes(1), context.Clock));
        var stop = new SourceStop();
        var sources = new List<ExtractSource>();
        foreach (var dataset in alphaVantage.Datasets.Distinct())
        {
            IRawSource raw = dataset switch
            {
                AlphaVantageDataset.TimeSeriesDaily => new AlphaVantageDailySource(client, alphaVantage.FullOutput, messages),
                AlphaVantageDataset.Overview => new AlphaVantageOverviewSource(client, messages),
                AlphaVantageDataset.ListingStatus => new AlphaVantageListingSource(client, messages),
                _ => throw new SourceConfigurationException($"Unknown Alpha Vantage dataset '{dataset}'."),
            };
            var description = string.Create(
                CultureInfo.InvariantCulture,
                $"alphavantage {raw.Dataset} at {alphaVantage.BaseUrl.AbsoluteUri} ({alphaVantage.RequestsPerDay} requests/day, {alphaVantage.RequestsPerMinute}/min, timeout {alphaVantage.Policy.Timeout.TotalSeconds} s, {alphaVantage.Policy.MaxAttempts} attempts)");
            sources.Add(new ExtractSource(raw, Remote(raw, redactor, alphaVantage.Policy, limits, stop, context), description, stop, landsUnderRangeEnd: false));
        }

        return sources.Count > 0 ? sources : throw new SourceConfigurationException("The Alpha Vantage source was given no dataset to extract.");
    }

    private static ExtractSource CreateImport(ExtractSourceOptions options, SourceBuildContext context)
    {
        var folder = options.ImportFolder;
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            throw new SourceConfigurationException($"The import source needs an existing folder of JSON files; '{folder}' is not one.");
        }

        var format = options.ImportFormat == ImportFormat.Auto ? ImportFormatDetector.Detect(folder) : options.ImportFormat;
        var raw = new ImportSource(folder, format, context.Clock)
        {
            Symbols = options.ImportSymbols?.ToHashSet(StringComparer.Ordinal),
            RequestedFrom = options.ImportFrom,
            RequestedTo = options.ImportTo,
        };
        return Local(raw, $"import of {format} files from {Path.GetFullPath(folder)}");
    }

    private static ExtractSource CreateReference(ExtractSourceOptions options, SourceBuildContext context)
    {
        var file = options.ReferenceFile;
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
        {
            throw new SourceConfigurationException($"The reference source needs an existing company CSV file; '{file}' is not one.");
        }

        var raw = new ReferenceFileSource(file, context.Clock);
        return Local(raw, $"company reference file {Path.GetFullPath(file)}");
    }

    /// <summary>
    /// A remote source: stop switch ⟶ retries ⟶ stop switch ⟶ limits (per attempt) ⟶ stop switch ⟶ timeout (per
    /// attempt) ⟶ the source. The switch is asked again before each attempt and after each wait for a permit, so
    /// once the daily cap is hit no request that was waiting or retrying goes out. The outer switch also stops the
    /// source when a request is still throttled after its last attempt.
    /// </summary>
    private static IRequestExecutor Remote(IRawSource raw, SecretRedactor redactor, HttpRequestPolicy policy, IRequestLimiter limits, SourceStop stop, SourceBuildContext context)
    {
        IRequestExecutor executor = new ClassifyingExecutor(raw, redactor);
        executor = new TimeoutExecutor(executor, policy.Validate().Timeout, context.Clock);
        executor = new StoppingExecutor(executor, stop, context.Log, raw.Name);
        executor = new RateLimitedExecutor(executor, limits);
        executor = new StoppingExecutor(executor, stop, context.Log, raw.Name);
        executor = new RetryingExecutor(executor, policy, context.Clock, context.Random, context.Log, raw.Name);
        return new StoppingExecutor(executor, stop, context.Log, raw.Name, maxAttempts: policy.MaxAttempts);
    }

    /// <summary>A file-based source: nothing to wait for and nothing transient to retry, so just the classification.</summary>
    private static ExtractSource Local(IRawSource raw, string description) =>
        new(raw, new ClassifyingExecutor(raw, SecretRedactor.UrlsOnly), description, new SourceStop(), landsUnderRangeEnd: false);
}
