using System.Text;
using StockLakehouse.Extractor.Tests.Support;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The CLI with live sources pointed at a local server on 127.0.0.1 serving real-format payloads: what lands,
/// what the manifest says about every request, the exit code, reruns and daily mode.
/// </summary>
public sealed class LiveSourceTests : IAsyncLifetime
{
    private const string From = "2025-01-02";
    private const string To = "2025-01-10";
    private readonly TempFolder _folder = new();
    private LocalHttpServer _yahoo = null!;

    public Task InitializeAsync()
    {
        _yahoo = new LocalHttpServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _yahoo.DisposeAsync();
        _folder.Dispose();
    }

    private string[] Yahoo(string command, params string[] more) =>
        [command, "--source", "yahoo", "--base-url", _yahoo.BaseUrl.AbsoluteUri, "--out", _folder.Path, "--max-attempts", "2", "--timeout", "10", .. more];

    [Fact]
    public async Task Yahoo_extract_lands_each_answer_once_and_the_manifest_records_every_request()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        _yahoo.Fallback("/v8/finance/chart/MSFT", ScriptedResponse.Fixture("yahoo/chart-not-found.json", 404));

        var (code, output, _) = await CliRunner.RunAsync(Yahoo("extract", "--symbols", "AAPL,MSFT", "--from", From, "--to", To));

        Assert.Equal(ExitCodes.ExtractIncomplete, code);
        Assert.Contains("symbol_rejected", output, StringComparison.Ordinal);
        var requests = ManifestRequests(Manifest(output));
        Assert.Equal("ok", requests["AAPL"].GetProperty("outcome").GetString());
        Assert.Equal("symbol_rejected", requests["MSFT"].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, requests["MSFT"].GetProperty("object_key").ValueKind);
        var landed = requests["AAPL"].GetProperty("object_key").GetString()!;
        Assert.Equal(Fixtures.YahooChartFor("AAPL"), await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "lake", landed)));

        // A rerun fetches only what did not land: AAPL is already in the lake, MSFT is asked again.
        var (again, rerun, _) = await CliRunner.RunAsync(Yahoo("extract", "--symbols", "AAPL,MSFT", "--from", From, "--to", To));

        Assert.Equal(ExitCodes.ExtractIncomplete, again);
        Assert.Equal(1, _yahoo.CountFor("/v8/finance/chart/AAPL"));
        Assert.Equal(2, _yahoo.CountFor("/v8/finance/chart/MSFT"));
        Assert.Equal("already_landed", ManifestRequests(Manifest(rerun))["AAPL"].GetProperty("outcome").GetString());
        Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "lake", "raw"), "AAPL-*.json", SearchOption.AllDirectories), LakeLayout.IsRawBody);
    }

    [Fact]
    public async Task Allow_incomplete_exits_zero_and_still_records_what_did_not_land()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        _yahoo.Fallback("/v8/finance/chart/MSFT", ScriptedResponse.Fixture("yahoo/chart-not-found.json", 404));

        var (code, output, _) = await CliRunner.RunAsync(Yahoo("extract", "--symbols", "AAPL,MSFT", "--from", From, "--to", To, "--allow-incomplete"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("symbol_rejected", ManifestRequests(Manifest(output))["MSFT"].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Yahoo_run_carries_real_format_bars_through_silver_gold_and_the_checks()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));

        var (code, _, error) = await CliRunner.RunAsync(Yahoo("run", "--symbols", "AAPL", "--from", From, "--to", To));

        Assert.True(code == ExitCodes.Success, error);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        // The fixture has the six sessions of 2025-01-02..10 (markets closed on 2025-01-09).
        Assert.Equal(6, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price"));
        Assert.Equal(0, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price f JOIN dim_date d USING (date_key) WHERE d.full_date = DATE '2025-01-09'"));
    }

    [Fact]
    public async Task Daily_mode_starts_from_the_watermark_minus_the_lookback()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(Yahoo("extract", "--symbols", "AAPL", "--from", From, "--to", To))).ExitCode);

        var (code, output, error) = await CliRunner.RunAsync(Yahoo("extract", "--symbols", "AAPL", "--mode", "daily", "--lookback", "2", "--from", From, "--to", "2025-01-13"));

        Assert.True(code == ExitCodes.Success, error);
        var request = ManifestRequests(Manifest(output))["AAPL"];
        // Watermark 2025-01-10: its last two trading days, 2025-01-08 and 2025-01-10 (2025-01-09 was closed), are fetched again.
        Assert.Equal(("2025-01-08", "2025-01-13"), (request.GetProperty("from").GetString(), request.GetProperty("to").GetString()));
        Assert.Equal(2, _yahoo.Received.Count);
    }

    [Fact]
    public async Task Timeout_and_max_attempts_bound_a_request_that_never_answers_in_time()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")) with { Delay = TimeSpan.FromSeconds(30) });

        var started = DateTime.UtcNow;
        var (code, output, _) = await CliRunner.RunAsync(
            "extract", "--source", "yahoo", "--base-url", _yahoo.BaseUrl.AbsoluteUri, "--out", _folder.Path, "--symbols", "AAPL",
            "--from", From, "--to", To, "--timeout", "1", "--max-attempts", "2");

        Assert.Equal(ExitCodes.ExtractIncomplete, code);
        var request = ManifestRequests(Manifest(output))["AAPL"];
        Assert.Equal("timeout", request.GetProperty("outcome").GetString());
        Assert.Equal(2, request.GetProperty("attempts").GetInt32());
        Assert.Equal(2, _yahoo.CountFor("/v8/finance/chart/AAPL"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(25), "The 30-second answers were waited for.");
    }

    [Fact]
    public async Task Alpha_vantage_key_from_a_file_never_reaches_the_lake_or_the_log()
    {
        const string key = "K3YF1LE5ECRET77";
        await using var alphaVantage = new LocalHttpServer(LocalHttpServer.ByFunctionAndSymbol);
        alphaVantage.Fallback("TIME_SERIES_DAILY IBM", ScriptedResponse.Fixture("alphavantage/time-series-daily-ibm.json"));
        alphaVantage.Fallback("TIME_SERIES_DAILY KO", ScriptedResponse.Fixture("alphavantage/error-invalid-symbol.json"));
        var keyFile = Path.Combine(_folder.Path, "av.key");
        await File.WriteAllTextAsync(keyFile, key + "\n");

        var (code, output, _) = await CliRunner.RunAsync(
            "extract", "--source", "alphavantage", "--alphavantage-key-file", keyFile, "--base-url", alphaVantage.BaseUrl.AbsoluteUri,
            "--out", _folder.Path, "--symbols", "IBM,KO", "--from", "2024-12-01", "--to", "2025-01-10", "--requests-per-minute", "1000");

        Assert.Equal(ExitCodes.ExtractIncomplete, code);
        Assert.All(alphaVantage.Received, r => Assert.Equal(key, r.QueryValue("apikey")));
        var requests = ManifestRequests(Manifest(output));
        Assert.Equal("ok", requests["IBM"].GetProperty("outcome").GetString());
        // The compact answer starts on 2025-01-02, far after the requested 2024-12-01: the manifest says so.
        Assert.Contains("compact output holds the last 100 sessions", requests["IBM"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("symbol_rejected", requests["KO"].GetProperty("outcome").GetString());
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(_folder.Path, "lake"), "*", SearchOption.AllDirectories))
        {
            Assert.False(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)).Contains(key, StringComparison.Ordinal), $"{file} holds the key.");
        }
    }

    [Fact]
    public async Task Alpha_vantage_daily_bars_reach_the_warehouse()
    {
        await using var alphaVantage = new LocalHttpServer(LocalHttpServer.ByFunctionAndSymbol);
        alphaVantage.Fallback("TIME_SERIES_DAILY IBM", ScriptedResponse.Fixture("alphavantage/time-series-daily-ibm.json"));
        var keyFile = Path.Combine(_folder.Path, "av.key");
        await File.WriteAllTextAsync(keyFile, "K3Y");

        var (code, _, error) = await CliRunner.RunAsync(
            "run", "--source", "alphavantage", "--alphavantage-key-file", keyFile, "--base-url", alphaVantage.BaseUrl.AbsoluteUri,
            "--out", _folder.Path, "--symbols", "IBM", "--from", From, "--to", To);

        Assert.True(code == ExitCodes.Success, error);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        Assert.Equal(6, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price"));
        Assert.Equal(4_235_011, Warehouse.Scalar(warehouse, "SELECT volume FROM fact_stock_price f JOIN dim_date d USING (date_key) WHERE d.full_date = DATE '2025-01-10'"));
    }

    [Fact]
    public async Task Alpha_vantage_without_a_key_is_a_usage_error_naming_the_variable()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "extract", "--source", "alphavantage", "--alphavantage-key-file", Path.Combine(_folder.Path, "missing.key"), "--out", _folder.Path, "--symbols", "IBM");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("missing.key' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_lands_a_folder_of_responses_judged_like_live_ones()
    {
        var folder = Path.Combine(_folder.Path, "download");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "AAPL.json"), Fixtures.YahooChartFor("AAPL"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "MSFT.json"), FixtureFiles.Bytes("yahoo-live/chart-aapl-truncated.json"));

        var (code, output, _) = await CliRunner.RunAsync("run", "--source", "import", "--import-folder", folder, "--out", _folder.Path, "--symbols", "AAPL,MSFT", "--from", From, "--to", To);

        Assert.Equal(ExitCodes.ExtractIncomplete, code);
        Assert.Contains("malformed", output, StringComparison.Ordinal);
        Assert.Equal(6, Warehouse.Scalar(Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM fact_stock_price"));
    }

    [Fact]
    public async Task Import_with_symbols_and_dates_lands_only_those_symbols_judged_against_those_dates()
    {
        var folder = Path.Combine(_folder.Path, "download");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "AAPL.json"), Fixtures.YahooChartFor("AAPL"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "MSFT.json"), Fixtures.YahooChartFor("MSFT"));
        // An unreadable file names no symbol for sure, so it is kept and reported whatever --symbols says.
        await File.WriteAllBytesAsync(Path.Combine(folder, "aapl_2024_part2.json"), FixtureFiles.Bytes("yahoo-live/chart-aapl-truncated.json"));

        var (code, output, error) = await CliRunner.RunAsync(
            "run", "--source", "import", "--import-folder", folder, "--out", _folder.Path, "--symbols", "AAPL", "--from", From, "--to", "2025-01-06");

        Assert.True(code == ExitCodes.ExtractIncomplete, error);
        var requests = ManifestRequests(Manifest(output));
        Assert.Equal(["AAPL", "_aapl_2024_part2"], requests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("malformed", requests["_aapl_2024_part2"].GetProperty("outcome").GetString());
        var landed = requests["AAPL"].GetProperty("object_key").GetString()!;
        var metadata = RawObjectMetadata.FromJson(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "lake", LakeLayout.RawMetadata(landed))), landed);
        Assert.Equal((new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 6)), (metadata.RequestedFrom, metadata.RequestedTo));
        // The file's bars after 2025-01-06 are quarantined by silver, as a live answer's would be.
        Assert.Contains("after_requested_end", output, StringComparison.Ordinal);
        Assert.Equal(3, Warehouse.Scalar(Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM fact_stock_price"));
    }

    [Fact]
    public async Task A_landed_company_file_opens_new_dim_company_versions_and_a_bad_one_is_quarantined()
    {
        var erp = Path.Combine(_folder.Path, "erp.csv");
        await File.WriteAllTextAsync(erp, "symbol,name,exchange,mic,sector,industry,currency,country,ipo_date,delisting_date,employees\n"
            + "AAPL,Apple Renamed Inc.,NASDAQ,XNAS,Information Technology,Technology Hardware,USD,US,1980-12-12,,164000\n");
        var bad = Path.Combine(_folder.Path, "bad.csv");
        await File.WriteAllTextAsync(bad, "symbol,name,mic,sector,industry,currency,country,ipo_date\nMSFT,Microsoft Corporation,XLON,,,USD,US,\n");

        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("extract", "--source", "reference", "--reference-file", erp, "--out", _folder.Path)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("extract", "--source", "reference", "--reference-file", bad, "--out", _folder.Path)).ExitCode);
        var (code, output, error) = await CliRunner.RunAsync("run", "--out", _folder.Path, "--symbols", "AAPL,MSFT");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("invalid_company_file", output, StringComparison.Ordinal);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        Assert.Equal(2, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'AAPL'"));
        Assert.Equal(1, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'AAPL' AND is_current AND name = 'Apple Renamed Inc.' AND valid_from > DATE '2025-12-31'"));
        Assert.Equal(1, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'MSFT'"));
        // The facts of 2024-2025 still point at the version valid on their dates: the old name.
        Assert.Equal(0, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price f JOIN dim_company c USING (company_key) WHERE c.name = 'Apple Renamed Inc.'"));
        var quarantine = Directory.GetFiles(Path.Combine(_folder.Path, "lake", "_quarantine", "gold", "dim_company"), "rejects.jsonl", SearchOption.AllDirectories);
        Assert.Contains("XLON", await File.ReadAllTextAsync(Assert.Single(quarantine)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alpha_vantage_listing_and_overview_describe_companies_outside_the_reference_and_a_company_nobody_describes_is_quarantined()
    {
        await using var alphaVantage = new LocalHttpServer(LocalHttpServer.ByFunctionAndSymbol);
        alphaVantage.Fallback("LISTING_STATUS active", ScriptedResponse.Fixture("alphavantage/listing-status-active.csv"));
        alphaVantage.Fallback("LISTING_STATUS delisted", ScriptedResponse.Fixture("alphavantage/listing-status-delisted.csv"));
        alphaVantage.Fallback("OVERVIEW IBM", ScriptedResponse.Fixture("alphavantage/overview-ibm.json"));
        var keyFile = Path.Combine(_folder.Path, "av.key");
        await File.WriteAllTextAsync(keyFile, "K3Y");
        var landed = await CliRunner.RunAsync(
            "extract", "--source", "alphavantage", "--alphavantage-key-file", keyFile, "--base-url", alphaVantage.BaseUrl.AbsoluteUri,
            "--datasets", "listing_status,overview", "--out", _folder.Path, "--symbols", "IBM", "--requests-per-minute", "1000");
        Assert.True(landed.ExitCode == ExitCodes.Success, landed.Error);
        // AA (Alcoa) is in the listing but not in the reference file; ZZZZ is nowhere.
        _yahoo.Fallback("/v8/finance/chart/AA", ScriptedResponse.Json(Fixtures.YahooChartFor("AA")));
        _yahoo.Fallback("/v8/finance/chart/ZZZZ", ScriptedResponse.Json(Fixtures.YahooChartFor("ZZZZ")));

        var (code, output, error) = await CliRunner.RunAsync(Yahoo("run", "--symbols", "AA,ZZZZ", "--from", From, "--to", To));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("unknown_company", output, StringComparison.Ordinal);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb");
        Assert.Equal(1, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'AA' AND name = 'Alcoa Corp' AND ipo_date = DATE '2016-10-18' AND sector IS NULL"));
        Assert.Equal(1, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'TWTR' AND delisting_date = DATE '2022-11-08'"));
        Assert.Equal(0, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'ZZZZ'"));
        Assert.Equal(6, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price f JOIN dim_company c USING (company_key) WHERE c.symbol = 'AA'"));
        Assert.Equal(0, Warehouse.Scalar(warehouse, "SELECT count(*) FROM fact_stock_price WHERE symbol = 'ZZZZ'"));
        // IBM keeps its reference name; the listing only fills the IPO date the reference lacks.
        Assert.Equal(1, Warehouse.Scalar(warehouse, "SELECT count(*) FROM dim_company WHERE symbol = 'IBM' AND is_current AND name = 'International Business Machines Corporation' AND ipo_date = DATE '1962-01-02'"));
        var quarantine = Directory.GetFiles(Path.Combine(_folder.Path, "lake", "_quarantine", "gold", "fact_stock_price"), "rejects.jsonl", SearchOption.AllDirectories);
        Assert.Contains("dim_company has no version of ZZZZ", await File.ReadAllTextAsync(Assert.Single(quarantine)), StringComparison.Ordinal);
        // ZZZZ's bars wait in silver for the day its company is described.
        Assert.True(File.Exists(Path.Combine(_folder.Path, "lake", "silver", "daily_bar", "symbol=ZZZZ", "part-0.parquet")));

        // The landed listing is a universe: every active row on a known exchange is asked for.
        var (universeCode, universe, universeError) = await CliRunner.RunAsync(Yahoo("extract", "--symbols-from-listing", "--from", From, "--to", To));
        Assert.True(universeCode is ExitCodes.Success or ExitCodes.ExtractIncomplete, universeError);
        Assert.Equal(["A", "AA", "AAPL", "BRK-B", "IBM", "MSFT", "SPY", "XOM"], ManifestRequests(Manifest(universe)).Keys.Order(StringComparer.Ordinal));

        // transform --symbols-from-listing covers the listing's symbols, not every symbol of the lake.
        var listed = await CliRunner.RunAsync("transform", "--out", _folder.Path, "--symbols-from-listing");
        Assert.Contains(": 8 symbols,", listed.Output, StringComparison.Ordinal);

        // transform without --symbols covers every symbol with raw bars in the lake, not the reference file's 100.
        var transform = await CliRunner.RunAsync("transform", "--out", _folder.Path);
        Assert.True(transform.ExitCode == ExitCodes.Success, transform.Error);
        Assert.Contains(": 2 symbols,", transform.Output, StringComparison.Ordinal);
        Assert.Contains("unknown_company", transform.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yahoo", "holds no active LISTING_STATUS; land one with 'lakehouse extract --source alphavantage --datasets listing_status'")]
    [InlineData("simulated", "--symbols-from-listing needs a live or import source")]
    public async Task Symbols_from_listing_without_a_landed_listing_or_with_the_simulated_market_is_a_usage_error(string source, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("extract", "--source", source, "--symbols-from-listing", "--out", _folder.Path, "--from", From, "--to", To);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transform_load_and_check_without_dates_cover_a_lake_newer_than_their_default_end()
    {
        // Data from 2026-2027, later than the 2025-12-31 the commands default to without --end.
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("extract", "--out", _folder.Path, "--symbols", "AAPL", "--from", "2026-06-01", "--to", "2027-03-31")).ExitCode);

        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("transform", "--out", _folder.Path, "--symbols", "AAPL")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("load", "--out", _folder.Path)).ExitCode);
        var (code, output, _) = await CliRunner.RunAsync("check", "--out", _folder.Path);

        Assert.True(code == ExitCodes.Success, output);
        Assert.Equal(1, Warehouse.Scalar(Path.Combine(_folder.Path, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM dim_date WHERE full_date = DATE '2028-12-31'"));
    }

    /// <summary>The manifest of the run whose summary is <paramref name="output"/> (its "manifest:" line).</summary>
    private static JsonElement Manifest(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("manifest:", StringComparison.Ordinal));
        return JsonDocument.Parse(File.ReadAllBytes(line["manifest:".Length..].Trim())).RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> ManifestRequests(JsonElement manifest) =>
        manifest.GetProperty("stages").EnumerateArray()
            .Single(s => s.GetProperty("stage").GetString() == "extract")
            .GetProperty("details").GetProperty("sources").EnumerateArray()
            .SelectMany(s => s.GetProperty("requests").EnumerateArray())
            .ToDictionary(r => r.GetProperty("symbol").GetString()!, r => r);
}
