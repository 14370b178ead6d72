using System.CommandLine;

namespace StockLakehouse.Cli.Options;

/// <summary>The options of the commands that extract (<c>run</c>, <c>extract</c>): source, mode, limits; bound to <see cref="ExtractOptionValues"/>.</summary>
internal sealed class ExtractOptionGroup
{
    private readonly Option<ulong?> _seed = new("--seed") { Description = "Seed of the simulated market (default 42); the same seed gives the same tables." };
    private readonly Option<bool> _noDefects = new("--no-defects") { Description = "Make the simulated market emit no defective records." };
    private readonly Option<string?> _source = new("--source") { Description = "Where extract gets data: simulated (default, offline), yahoo, alphavantage, import (a folder of responses) or reference (the ERP company CSV)." };
    private readonly Option<string?> _mode = new("--mode") { Description = "backfill (default): exactly --from..--to; daily: each symbol from its watermark minus --lookback trading days to --to." };
    private readonly Option<int?> _lookback = new("--lookback") { Description = "Daily mode: trading days before the watermark fetched again so late corrections arrive (default 5)." };
    private readonly Option<string?> _importFolder = new("--import-folder") { Description = "Import source: the folder of Yahoo chart or Alpha Vantage daily JSON files to land." };
    private readonly Option<string?> _importFormat = new("--import-format") { Description = "Import source: auto (default), yahoo or alphavantage." };
    private readonly Option<string?> _referenceFile = new("--reference-file") { Description = "Reference source: the company (ERP) CSV file to land." };
    private readonly Option<string?> _datasets = new("--datasets") { Description = "Alpha Vantage: comma-separated time_series_daily (default), overview, listing_status." };
    private readonly Option<string?> _keyFile = new("--alphavantage-key-file") { Description = "Alpha Vantage: a file holding the API key (default: the ALPHAVANTAGE_API_KEY environment variable)." };
    private readonly Option<bool> _fullOutput = new("--full-output") { Description = "Alpha Vantage: ask for the whole daily history (outputsize=full, a premium feature) instead of the last 100 sessions." };
    private readonly Option<bool> _allowIncomplete = new("--allow-incomplete") { Description = "Exit 0 instead of 4 when some extract requests landed nothing (the manifest still lists them); for schedulers that should go on with what landed." };
    private readonly Option<string?> _baseUrl = new("--base-url") { Description = "Yahoo or Alpha Vantage: the API's base URL (for a proxy or a mirror)." };
    private readonly Option<int?> _maxConcurrency = new("--max-concurrency") { Description = "Yahoo: requests in flight at once (default 2)." };
    private readonly Option<double?> _requestsPerSecond = new("--requests-per-second") { Description = "Yahoo: request rate (default 2 per second)." };
    private readonly Option<int?> _requestsPerMinute = new("--requests-per-minute") { Description = "Alpha Vantage: requests per minute (default 5)." };
    private readonly Option<int?> _requestsPerDay = new("--requests-per-day") { Description = "Alpha Vantage: requests per day, the key's daily cap (default 25, the free tier)." };
    private readonly Option<double?> _timeout = new("--timeout") { Description = "Yahoo or Alpha Vantage: seconds before a request is abandoned and retried (default 30)." };
    private readonly Option<int?> _maxAttempts = new("--max-attempts") { Description = "Yahoo or Alpha Vantage: attempts per request, retries included (default 4); throttling (429 or a throttle notice), 5xx, timeouts, network errors, and truncated or non-JSON answers are retried." };

    public void AddTo(Command command)
    {
        Option[] options = [_source, _mode, _lookback, _seed, _noDefects, _importFolder, _importFormat, _referenceFile, _datasets, _keyFile, _fullOutput, _allowIncomplete, _baseUrl, _maxConcurrency, _requestsPerSecond, _requestsPerMinute, _requestsPerDay, _timeout, _maxAttempts];
        foreach (var option in options)
        {
            command.Add(option);
        }
    }

    public ExtractOptionValues Bind(ParseResult parse) => new()
    {
        Seed = parse.GetValue(_seed),
        NoDefects = parse.GetValue(_noDefects),
        Source = parse.GetValue(_source),
        Mode = parse.GetValue(_mode),
        Lookback = parse.GetValue(_lookback),
        ImportFolder = parse.GetValue(_importFolder),
        ImportFormat = parse.GetValue(_importFormat),
        ReferenceFile = parse.GetValue(_referenceFile),
        Datasets = parse.GetValue(_datasets),
        AlphaVantageKeyFile = parse.GetValue(_keyFile),
        FullOutput = parse.GetValue(_fullOutput),
        AllowIncomplete = parse.GetValue(_allowIncomplete),
        BaseUrl = parse.GetValue(_baseUrl),
        MaxConcurrency = parse.GetValue(_maxConcurrency),
        RequestsPerSecond = parse.GetValue(_requestsPerSecond),
        RequestsPerMinute = parse.GetValue(_requestsPerMinute),
        RequestsPerDay = parse.GetValue(_requestsPerDay),
        TimeoutSeconds = parse.GetValue(_timeout),
        MaxAttempts = parse.GetValue(_maxAttempts),
    };
}
