using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Landing;

namespace StockLakehouse.Extractor.Tests.Landing;

public sealed class ExtractJobTests : IDisposable
{
    private static readonly DateOnly From = new(2024, 1, 1);
    private static readonly DateOnly To = new(2024, 12, 31);
    private readonly TempFolder _root = new();
    private readonly LocalDirectoryObjectStore _store;

    public ExtractJobTests()
    {
        _store = new LocalDirectoryObjectStore(_root.Path);
    }

    public void Dispose() => _root.Dispose();

    private static ExtractRequest Request(params string[] symbols) => new(symbols.Select(Symbol.Parse).ToArray(), From, To, To, 4);

    /// <summary>
    /// A store hook failing the creates <paramref name="fails"/> picks once their staging files are on disk and before
    /// the first is linked, as a process stopped between the two would: nothing of them must become visible.
    /// </summary>
    private static Func<IReadOnlyList<NewObject>, Task> StopBeforePublishing(Func<IReadOnlyList<NewObject>, bool> fails) =>
        objects => fails(objects) ? throw new IOException("The writer stopped between staging and publishing.") : Task.CompletedTask;

    private async Task<List<string>> RawKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var o in _store.ListAsync("raw/", default))
        {
            keys.Add(o.Key);
        }

        return keys;
    }

    [Fact]
    public async Task RunAsync_FirstRun_LandsOneBodyAndOneMetadataPerSymbol()
    {
        var source = new CountingChartSource();

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA", "BBB", "BRK-B"), null, default);

        Assert.Equal(3, report.Landed);
        var keys = await RawKeysAsync();
        Assert.Equal(6, keys.Count);
        Assert.Equal(3, keys.Count(LakeLayout.IsRawBody));
        Assert.All(keys, k => Assert.StartsWith("raw/source=yahoo/dataset=chart/ingest_date=2024-12-31/", k, StringComparison.Ordinal));
        Assert.Contains(keys, k => LakeLayout.IsRawBody(k) && LakeLayout.SymbolOf(k) == "BRK-B");
    }

    [Fact]
    public async Task RunAsync_Rerun_FetchesAndLandsNothingNew()
    {
        var source = new CountingChartSource();
        await new ExtractJob(source, _store).RunAsync(Request("AAA", "BBB"), null, default);
        var before = await RawKeysAsync();

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA", "BBB"), null, default);

        Assert.Equal(0, report.Landed);
        Assert.Equal(2, report.AlreadyPresent);
        Assert.Equal(2, source.TotalFetches);
        Assert.Equal(before, await RawKeysAsync());
    }

    [Fact]
    public async Task RunAsync_AfterACrashBetweenBodyAndMetadata_WritesTheMissingMetadataOnceAndKeepsTheBody()
    {
        var source = new CountingChartSource();
        await new ExtractJob(source, _store).RunAsync(Request("AAA", "BBB"), null, default);
        var bodyKey = RawLander.KeyFor("yahoo", "chart", "BBB", From, To, To);
        var body = await File.ReadAllBytesAsync(_store.LocalPath(bodyKey)!);
        // The process died after committing BBB's body, before its metadata and request marker.
        File.Delete(_store.LocalPath(LakeLayout.RawMetadata(bodyKey))!);
        File.Delete(_store.LocalPath(RawLander.MarkerKeyFor("yahoo", "chart", new RawRequest("BBB", From, To)))!);

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA", "BBB"), null, default);

        Assert.Equal((0, 2), (report.Landed, report.AlreadyPresent));
        Assert.Equal(1, source.Fetches("AAA"));
        Assert.Equal(2, source.Fetches("BBB"));
        Assert.Equal(body, await File.ReadAllBytesAsync(_store.LocalPath(bodyKey)!));
        var metadata = RawObjectMetadata.FromJson((await _store.ReadAsync(LakeLayout.RawMetadata(bodyKey), default))!, bodyKey);
        Assert.Equal((Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), (long)body.Length), (metadata.Sha256, metadata.Bytes));
        Assert.Contains("metadata is written now", report.Requests.Single(r => r.Symbol == "BBB").Detail, StringComparison.Ordinal);
        Assert.True(await _store.ExistsAsync(RawLander.MarkerKeyFor("yahoo", "chart", new RawRequest("BBB", From, To)), default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_ACrashBeforeTheMetadataThenARestartOnALaterDay_LandsTheRequestOnceUnderItsFirstKey(bool bodyWritten)
    {
        var source = new CountingChartSource();
        await new ExtractJob(source, _store).RunAsync(Request("BBB"), null, default);
        var firstKey = RawLander.KeyFor("yahoo", "chart", "BBB", From, To, To);
        // The process died after writing the request marker and (or before) the body, before the metadata.
        File.Delete(_store.LocalPath(LakeLayout.RawMetadata(firstKey))!);
        if (!bodyWritten)
        {
            File.Delete(_store.LocalPath(firstKey)!);
        }

        var report = await new ExtractJob(source, _store).RunAsync(Request("BBB") with { IngestDate = To.AddDays(2) }, null, default);

        Assert.Equal(firstKey, Assert.Single(report.Requests).ObjectKey);
        Assert.Equal(2, source.Fetches("BBB"));
        Assert.Equal([firstKey], (await RawKeysAsync()).Where(LakeLayout.IsRawBody));
        Assert.True(await _store.ExistsAsync(LakeLayout.RawMetadata(firstKey), default));
        if (bodyWritten)
        {
            // The stored body's fetch time is unknown: the earliest, so it never beats a later fetch of its day.
            var metadata = RawObjectMetadata.FromJson((await _store.ReadAsync(LakeLayout.RawMetadata(firstKey), default))!, firstKey);
            Assert.Equal(DateTimeOffset.UnixEpoch, metadata.FetchedAt);
        }
    }

    [Theory]
    [InlineData("garbage metadata")]
    [InlineData("empty metadata")]
    [InlineData("altered body")]
    public async Task RunAsync_ADamagedRawObject_IsFetchedAgainAndLandedUnderANewKeyWithCreateOnlyAccess(string damage)
    {
        var source = new CountingChartSource();
        var lake = new CreateOnlyRawStore(_store);
        await new ExtractJob(source, lake).RunAsync(Request("AAA", "BBB"), null, default);
        var damagedKey = RawLander.KeyFor("yahoo", "chart", "BBB", From, To, To);
        var metadataPath = _store.LocalPath(LakeLayout.RawMetadata(damagedKey))!;
        switch (damage)
        {
            case "garbage metadata":
                await File.WriteAllTextAsync(metadataPath, "{\"source\": \"yah");
                break;
            case "empty metadata":
                await File.WriteAllBytesAsync(metadataPath, []);
                break;
            default:
                await File.AppendAllTextAsync(_store.LocalPath(damagedKey)!, " ");
                break;
        }

        var (damagedBody, damagedMetadata) = (await File.ReadAllBytesAsync(_store.LocalPath(damagedKey)!), await File.ReadAllBytesAsync(metadataPath));

        var repair = await new ExtractJob(source, lake).RunAsync(Request("AAA", "BBB") with { IngestDate = To.AddDays(1) }, null, default);
        var again = await new ExtractJob(source, lake).RunAsync(Request("AAA", "BBB") with { IngestDate = To.AddDays(2) }, null, default);

        var repaired = repair.Requests.Single(r => r.Symbol == "BBB");
        Assert.Equal(RequestOutcome.Ok, repaired.Outcome);
        Assert.Contains("Landed again under a new key", repaired.Detail, StringComparison.Ordinal);
        Assert.Contains(damagedKey, repaired.Detail, StringComparison.Ordinal);
        Assert.NotEqual(damagedKey, repaired.ObjectKey);
        Assert.Contains("/ingest_date=2025-01-01/BBB-", repaired.ObjectKey, StringComparison.Ordinal);
        Assert.Equal((1, 2), (repair.Landed, source.Fetches("BBB")));
        var found = await RawObjectInspector.InspectAsync(_store, repaired.ObjectKey!, default);
        Assert.Equal(RawObjectCondition.Intact, found.Condition);
        // Raw stays create-only: the damaged pair is left as it was, for silver to quarantine.
        Assert.Equal(damagedBody, await File.ReadAllBytesAsync(_store.LocalPath(damagedKey)!));
        Assert.Equal(damagedMetadata, await File.ReadAllBytesAsync(metadataPath));
        Assert.Empty(lake.Refused);
        Assert.Equal((0, 2), (again.Landed, again.AlreadyPresent));
        Assert.Equal(repaired.ObjectKey, again.Requests.Single(r => r.Symbol == "BBB").ObjectKey);
        Assert.Equal(2, source.Fetches("BBB"));
    }

    [Fact]
    public async Task RunAsync_TwoJobsOnTwoStoresLandingTheSameRequestsAtOnce_LeaveOneBodyPerRequestWithMetadataDescribingIt()
    {
        // Two writers of one lake whose server answers each a slightly different body, as two runs at once would get.
        var symbols = Enumerable.Range(0, 60).Select(i => $"S{i:D2}").ToArray();
        var writers = new[] { " ", "  " }.Select(padding => new CountingChartSource
        {
            Body = s => [.. Fixtures.YahooChartFor(s.Value), .. System.Text.Encoding.UTF8.GetBytes(padding)],
        }).ToArray();

        var reports = await Task.WhenAll(writers.Select(source => Task.Run(() =>
            new ExtractJob(source, new LocalDirectoryObjectStore(_root.Path)).RunAsync(Request(symbols), null, default))));

        Assert.Equal(symbols.Length, reports.Sum(r => r.Landed));
        var bodies = (await RawKeysAsync()).Where(LakeLayout.IsRawBody).ToArray();
        Assert.Equal(symbols.Length, bodies.Length);
        foreach (var body in bodies)
        {
            Assert.Equal(RawObjectCondition.Intact, (await RawObjectInspector.InspectAsync(_store, body, default)).Condition);
        }
    }

    [Fact]
    public async Task LandAsync_TwoWritersOnDifferentDays_LandOneBodyUnderTheKeyWhoseMarkerWasFirst()
    {
        var lander = new RawLander(_store);
        var request = new RawRequest("CCC", From, To);
        var dayOne = RawLander.KeyFor("yahoo", "chart", "CCC", From, To, To);
        var dayTwo = RawLander.KeyFor("yahoo", "chart", "CCC", From, To, To.AddDays(1));
        var response = new SourceResponse(200, "https://example.test/v8/finance/chart/CCC", "{}"u8.ToArray(), DateTimeOffset.UnixEpoch.AddYears(55));

        var first = await lander.LandAsync(dayOne, "yahoo", "chart", request, response, default);
        var second = await lander.LandAsync(dayTwo, "yahoo", "chart", request, response, default);

        Assert.Equal((LandingOutcome.Landed, dayOne), first);
        Assert.Equal((LandingOutcome.AlreadyPresent, dayOne), second);
        Assert.Equal([dayOne], (await RawKeysAsync()).Where(LakeLayout.IsRawBody));
    }

    [Fact]
    public async Task LandAsync_StoppedAfterStagingBeforePublishing_LeavesNothingVisibleAndTheNextAttemptLandsIt()
    {
        var lander = new RawLander(_store);
        var request = new RawRequest("DDD", From, To);
        var key = RawLander.KeyFor("yahoo", "chart", "DDD", From, To, To);
        var response = new SourceResponse(200, "https://example.test/v8/finance/chart/DDD", Fixtures.YahooChartFor("DDD"), DateTimeOffset.UnixEpoch.AddYears(55));
        _store.AfterStaging = StopBeforePublishing(_ => true);

        await Assert.ThrowsAsync<IOException>(() => new RawLander(_store).LandAsync(key, "yahoo", "chart", request, response, default));

        Assert.Empty(await RawKeysAsync());
        Assert.Null(await _store.ReadAsync(RawLander.MarkerKeyFor("yahoo", "chart", request), default));
        _store.AfterStaging = null;
        Assert.Equal((LandingOutcome.Landed, key), await lander.LandAsync(key, "yahoo", "chart", request, response, default));
        Assert.Equal(RawObjectCondition.Intact, (await RawObjectInspector.InspectAsync(_store, key, default)).Condition);
    }

    [Fact]
    public async Task RunAsync_ALandingFailsInTheBackground_FailsTheRunWithWhatFinishedAndLeavesNoHalfLandedRequest()
    {
        var symbols = Enumerable.Range(0, 12).Select(i => $"S{i:D2}").ToArray();
        _store.AfterStaging = StopBeforePublishing(objects => objects.Any(o => o.Key.Contains("/S05-", StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<ExtractFailedException>(() => new ExtractJob(new CountingChartSource(), _store).RunAsync(Request(symbols), null, default));

        Assert.IsType<IOException>(error.InnerException);
        var bodies = (await RawKeysAsync()).Where(LakeLayout.IsRawBody).ToArray();
        Assert.Equal(error.Partial.Landed, bodies.Length);
        Assert.DoesNotContain(bodies, b => LakeLayout.SymbolOf(b) == "S05");
        foreach (var body in bodies)
        {
            Assert.Equal(RawObjectCondition.Intact, (await RawObjectInspector.InspectAsync(_store, body, default)).Condition);
        }
    }

    [Fact]
    public async Task LandAsync_ManyWritersOfOneRequestAtOnce_LandOneBodyThatItsMetadataDescribes()
    {
        var request = new RawRequest("EEE", From, To);
        var key = RawLander.KeyFor("yahoo", "chart", "EEE", From, To, To);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            // Each writer's own fetch: the same chart, padded differently, so a mixed-up pair would not match.
            var body = Fixtures.YahooChartFor("EEE").Concat(Enumerable.Repeat((byte)' ', i)).ToArray();
            var response = new SourceResponse(200, "https://example.test/v8/finance/chart/EEE", body, DateTimeOffset.UnixEpoch.AddYears(55));
            return new RawLander(new LocalDirectoryObjectStore(_root.Path)).LandAsync(key, "yahoo", "chart", request, response, default);
        })));

        Assert.Single(outcomes, o => o.Outcome == LandingOutcome.Landed);
        Assert.All(outcomes, o => Assert.Equal(key, o.Key));
        Assert.Equal([key], (await RawKeysAsync()).Where(LakeLayout.IsRawBody));
        Assert.Equal(RawObjectCondition.Intact, (await RawObjectInspector.InspectAsync(_store, key, default)).Condition);
    }

    [Fact]
    public async Task RunAsync_TheSameRequestOnALaterIngestDate_IsNotFetchedAgain()
    {
        var source = new CountingChartSource();
        await new ExtractJob(source, _store).RunAsync(Request("AAA"), null, default);

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA") with { IngestDate = To.AddDays(3) }, null, default);

        Assert.Equal((0, 1), (report.Landed, report.AlreadyPresent));
        Assert.Equal(1, source.Fetches("AAA"));
        Assert.Equal(RawLander.KeyFor("yahoo", "chart", "AAA", From, To, To), Assert.Single(report.Requests).ObjectKey);
        Assert.Single(await RawKeysAsync(), LakeLayout.IsRawBody);
    }

    [Fact]
    public async Task RunAsync_NewRange_LandsNewObjectsBesideTheOldOnes()
    {
        var source = new CountingChartSource();
        await new ExtractJob(source, _store).RunAsync(Request("AAA"), null, default);

        await new ExtractJob(source, _store).RunAsync(Request("AAA") with { From = From.AddMonths(1) }, null, default);

        Assert.Equal(2, (await RawKeysAsync()).Count(LakeLayout.IsRawBody));
    }

    [Fact]
    public async Task RunAsync_ErrorStatus_IsReportedAndNothingLands()
    {
        var source = new CountingChartSource { Status = s => s.Value == "BAD" ? 500 : 200 };

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA", "BAD"), null, default);

        Assert.Equal(1, report.Landed);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("BAD", failure.Symbol);
        Assert.Contains("HTTP 500", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(await RawKeysAsync(), k => k.Contains("/BAD-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BodiesThatAreNotCharts_AreClassifiedAndNotLanded()
    {
        var source = new CountingChartSource
        {
            Body = s => s.Value switch
            {
                "HTML" => FixtureFiles.Bytes("yahoo/rate-limited.html"),
                "CUT" => FixtureFiles.Bytes("yahoo/chart-truncated.json"),
                _ => Fixtures.YahooChartFor(s.Value),
            },
        };

        var report = await new ExtractJob(source, _store).RunAsync(Request("AAA", "CUT", "HTML"), null, default);

        Assert.Equal(1, report.Landed);
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 1, ["wrong_format"] = 1, ["malformed"] = 1 }, report.Outcomes);
        Assert.Equal(["CUT", "HTML"], report.Failures.Select(f => f.Symbol));
        Assert.Equal(2, (await RawKeysAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_Landing_MovesTheWatermarkToTheLastSessionOnOrBeforeTheEnd()
    {
        // The fixture's sessions run 2025-01-02 … 2025-01-10; the request ends on the 8th.
        var request = Request("AAA") with { From = new DateOnly(2025, 1, 2), To = new DateOnly(2025, 1, 8), IngestDate = new DateOnly(2025, 1, 8) };

        var report = await new ExtractJob(new CountingChartSource(), _store).RunAsync(request, null, default);
        var watermark = await new WatermarkStore(_store).ReadAsync("yahoo", "chart", "AAA", default);

        Assert.Equal(1, report.BarsAfterEnd);
        Assert.Equal(new DateOnly(2025, 1, 8), watermark!.Through);
        Assert.Equal(RawLander.KeyFor("yahoo", "chart", "AAA", request.From, request.To, request.IngestDate), watermark.ObjectKey);
    }

    [Fact]
    public async Task RunAsync_EndBeforeStart_IsRefused()
    {
        var request = Request("AAA") with { From = To, To = From };

        await Assert.ThrowsAsync<ArgumentException>(() => new ExtractJob(new CountingChartSource(), _store).RunAsync(request, null, default));
    }

    [Fact]
    public async Task LandAsync_Metadata_RecordsTheRequestAndTheBodysHash()
    {
        await new ExtractJob(new CountingChartSource(), _store).RunAsync(Request("AAA"), null, default);
        var key = RawLander.KeyFor("yahoo", "chart", "AAA", From, To, To);

        var metadata = RawObjectMetadata.FromJson((await _store.ReadAsync(LakeLayout.RawMetadata(key), default))!, key);
        var body = (await _store.ReadAsync(key, default))!;

        Assert.Equal(From, metadata.RequestedFrom);
        Assert.Equal(To, metadata.RequestedTo);
        Assert.Equal(200, metadata.Status);
        Assert.Equal(body.Length, metadata.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), metadata.Sha256);
    }
}
