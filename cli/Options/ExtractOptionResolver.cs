using System.Globalization;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Fetching;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.Sources.AlphaVantage;
using StockLakehouse.Extractor.Sources.Import;
using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Cli.Options;

/// <summary>
/// Resolves the extract options: the source and its settings, the mode and the lookback. An option that does
/// not apply to the chosen source is an error rather than silently ignored, and every number is range-checked.
/// </summary>
internal static class ExtractOptionResolver
{
    private static readonly Dictionary<string, AlphaVantageDataset> Datasets = new(StringComparer.OrdinalIgnoreCase)
    {
        [LakeNames.TimeSeriesDaily] = AlphaVantageDataset.TimeSeriesDaily,
        ["daily"] = AlphaVantageDataset.TimeSeriesDaily,
        [LakeNames.Overview] = AlphaVantageDataset.Overview,
        [LakeNames.ListingStatus] = AlphaVantageDataset.ListingStatus,
    };

    public static ExtractSettings Resolve(ExtractOptionValues values)
    {
        var source = (values.Source ?? ExtractSourceCatalog.Simulated).Trim().ToLowerInvariant();
        if (!ExtractSourceCatalog.Names.Contains(source))
        {
            throw new UsageException($"--source '{values.Source}' is not a source; expected one of {string.Join(", ", ExtractSourceCatalog.Names)}.");
        }

        var mode = (values.Mode ?? "backfill").Trim().ToLowerInvariant() switch
        {
            "backfill" => ExtractMode.Backfill,
            "daily" => ExtractMode.Daily,
            _ => throw new UsageException($"--mode '{values.Mode}' is not a mode; expected backfill (exactly --from..--to) or daily (from each symbol's watermark minus --lookback)."),
        };
        var lookback = Range(values.Lookback, "--lookback", 0, 260) ?? OptionDefaults.LookbackTradingDays;
        if (values.Lookback is not null && mode != ExtractMode.Daily)
        {
            throw new UsageException("--lookback applies to --mode daily; a backfill fetches exactly --from..--to.");
        }

        RequireOnly(source, values);
        var policy = Policy(values);
        var options = new ExtractSourceOptions
        {
            Source = source,
            Seed = values.Seed ?? OptionDefaults.Seed,
            InjectDefects = !values.NoDefects,
            Yahoo = new YahooOptions
            {
                BaseUrl = BaseUrl(values.BaseUrl) ?? YahooOptions.DefaultBaseUrl,
                MaxConcurrency = Range(values.MaxConcurrency, "--max-concurrency", 1, 64) ?? new YahooOptions().MaxConcurrency,
                RequestsPerSecond = Positive(values.RequestsPerSecond, "--requests-per-second", 1000) ?? new YahooOptions().RequestsPerSecond,
                Policy = policy,
            },
            AlphaVantage = new AlphaVantageOptions
            {
                BaseUrl = BaseUrl(values.BaseUrl) ?? AlphaVantageOptions.DefaultBaseUrl,
                ApiKeyFile = values.AlphaVantageKeyFile,
                RequestsPerDay = Range(values.RequestsPerDay, "--requests-per-day", 1, 1_000_000) ?? new AlphaVantageOptions().RequestsPerDay,
                RequestsPerMinute = Range(values.RequestsPerMinute, "--requests-per-minute", 1, 10_000) ?? new AlphaVantageOptions().RequestsPerMinute,
                Datasets = ParseDatasets(values.Datasets),
                FullOutput = values.FullOutput,
                Policy = policy,
            },
            ImportFolder = values.ImportFolder,
            ImportFormat = ParseImportFormat(values.ImportFormat),
            ReferenceFile = values.ReferenceFile,
        };
        return new ExtractSettings(options, mode, lookback) { AllowIncomplete = values.AllowIncomplete };
    }

    /// <summary>Rejects options given for a source they do not apply to.</summary>
    private static void RequireOnly(string source, ExtractOptionValues values)
    {
        var remote = new[] { ExtractSourceCatalog.Yahoo, ExtractSourceCatalog.AlphaVantage };
        var rules = new (string Option, bool Given, string[] Sources)[]
        {
            ("--seed", values.Seed is not null, [ExtractSourceCatalog.Simulated]),
            ("--no-defects", values.NoDefects, [ExtractSourceCatalog.Simulated]),
            ("--base-url", values.BaseUrl is not null, remote),
            ("--timeout", values.TimeoutSeconds is not null, remote),
            ("--max-attempts", values.MaxAttempts is not null, remote),
            ("--max-concurrency", values.MaxConcurrency is not null, [ExtractSourceCatalog.Yahoo]),
            ("--requests-per-second", values.RequestsPerSecond is not null, [ExtractSourceCatalog.Yahoo]),
            ("--requests-per-minute", values.RequestsPerMinute is not null, [ExtractSourceCatalog.AlphaVantage]),
            ("--requests-per-day", values.RequestsPerDay is not null, [ExtractSourceCatalog.AlphaVantage]),
            ("--datasets", values.Datasets is not null, [ExtractSourceCatalog.AlphaVantage]),
            ("--alphavantage-key-file", values.AlphaVantageKeyFile is not null, [ExtractSourceCatalog.AlphaVantage]),
            ("--full-output", values.FullOutput, [ExtractSourceCatalog.AlphaVantage]),
            ("--import-folder", values.ImportFolder is not null, [ExtractSourceCatalog.Import]),
            ("--import-format", values.ImportFormat is not null, [ExtractSourceCatalog.Import]),
            ("--reference-file", values.ReferenceFile is not null, [ExtractSourceCatalog.Reference]),
        };
        foreach (var (option, given, sources) in rules)
        {
            if (given && !sources.Contains(source))
            {
                throw new UsageException($"{option} applies to --source {string.Join(" or ", sources)}, not {source}.");
            }
        }
    }

    private static HttpRequestPolicy Policy(ExtractOptionValues values)
    {
        var policy = HttpRequestPolicy.Default;
        if (Positive(values.TimeoutSeconds, "--timeout", 600) is { } seconds)
        {
            policy = policy with { Timeout = TimeSpan.FromSeconds(seconds) };
        }

        if (Range(values.MaxAttempts, "--max-attempts", 1, 20) is { } attempts)
        {
            policy = policy with { MaxAttempts = attempts };
        }

        return policy;
    }

    private static Uri? BaseUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? uri
            : throw new UsageException($"--base-url '{text}' is not an absolute http(s) URL without a query.");
    }

    private static IReadOnlyList<AlphaVantageDataset> ParseDatasets(string? text)
    {
        if (text is null)
        {
            return new AlphaVantageOptions().Datasets;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var datasets = new List<AlphaVantageDataset>();
        foreach (var name in names)
        {
            var dataset = Datasets.TryGetValue(name, out var known)
                ? known
                : throw new UsageException($"--datasets '{name}' is not an Alpha Vantage dataset; expected time_series_daily, overview or listing_status.");
            if (!datasets.Contains(dataset))
            {
                datasets.Add(dataset);
            }
        }

        return datasets.Count > 0 ? datasets : throw new UsageException("--datasets names no dataset.");
    }

    private static ImportFormat ParseImportFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "auto" => ImportFormat.Auto,
        LakeNames.Yahoo => ImportFormat.YahooChart,
        LakeNames.AlphaVantage => ImportFormat.AlphaVantageDaily,
        _ => throw new UsageException($"--import-format '{text}' is not a format; expected auto, yahoo or alphavantage."),
    };

    private static int? Range(int? value, string option, int min, int max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be between {min} and {max}, not {value}."));

    private static double? Positive(double? value, string option, double max) =>
        value is null || (value > 0 && value <= max && double.IsFinite(value.Value))
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be more than 0 and at most {max}, not {value}."));
}
