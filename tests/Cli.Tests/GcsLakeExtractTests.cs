using System.Net.Http.Json;
using StockLakehouse.Cli.Locking;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Gcs;
using StockLakehouse.Extractor.Tests.Support;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// <c>lakehouse extract --lake gs://…</c>, as the Cloud Run job runs it, against the Cloud Storage emulator
/// (STORAGE_EMULATOR_HOST) and a local Yahoo server: the raw object, its metadata, the watermark and the run
/// manifest land in the bucket, and a rerun adds nothing.
/// </summary>
public sealed class GcsLakeExtractTests : IClassFixture<GcsEmulatorFixture>, IAsyncLifetime
{
    private const string Bucket = "stocklakehouse-test";
    private readonly GcsEmulatorFixture _emulator;
    private readonly string _prefix = $"cli-{Guid.NewGuid():N}";
    private readonly TempFolder _output = new();
    private readonly LocalHttpServer _yahoo = new();

    public GcsLakeExtractTests(GcsEmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _yahoo.DisposeAsync();
        _output.Dispose();
    }

    [Fact]
    public async Task Extract_lands_in_the_bucket_once()
    {
        _yahoo.Fallback("/v8/finance/chart/AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        Environment.SetEnvironmentVariable(LakeStores.EmulatorVariable, _emulator.Endpoint.Authority);
        string[] args =
        [
            "extract", "--source", "yahoo", "--mode", "backfill", "--lake", $"gs://{Bucket}/{_prefix}", "--from", "2025-01-02", "--to", "2025-01-10",
            "--symbols", "AAPL", "--base-url", _yahoo.BaseUrl.AbsoluteUri, "--out", _output.Path,
        ];

        var (code, output, error) = await CliRunner.RunAsync(args);
        var (again, _, _) = await CliRunner.RunAsync(args);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(ExitCodes.Success, again);
        Assert.Contains($"manifest:   gs://{Bucket}/{_prefix}/_runs/", output, StringComparison.Ordinal);
        var names = await ListAsync();
        Assert.Single(names, n => n.StartsWith("raw/", StringComparison.Ordinal) && n.EndsWith(".meta.json", StringComparison.Ordinal));
        Assert.Equal(2, names.Count(n => n.StartsWith("raw/", StringComparison.Ordinal)));
        Assert.Contains("_state/watermarks/source=yahoo/dataset=chart/AAPL.json", names);
        // Each run took the bucket lake's writer lock and released it (the emulator ignores generation preconditions,
        // so the refusal of a live lease is shown against the object-store contract in ObjectStoreLakeLockTests).
        var store = LakeStores.Open($"gs://{Bucket}/{_prefix}", Serilog.Core.Logger.None);
        Assert.True(LakeLease.Parse((await store.ReadAsync(ObjectStoreLakeLock.Key, default))!)!.Released);
        Assert.Equal(2, names.Count(n => n.EndsWith("/manifest.json", StringComparison.Ordinal)));
        Assert.Equal(1, _yahoo.CountFor("/v8/finance/chart/AAPL"));
    }

    /// <summary>The object names under the test's prefix, without it, straight from the emulator's JSON API.</summary>
    private async Task<List<string>> ListAsync()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "owner");
        var page = await http.GetFromJsonAsync<JsonElement>(new Uri(_emulator.Endpoint, $"storage/v1/b/{Bucket}/o?prefix={_prefix}/"));
        return page.TryGetProperty("items", out var items)
            ? items.EnumerateArray().Select(i => i.GetProperty("name").GetString()![(_prefix.Length + 1)..]).ToList()
            : [];
    }
}
