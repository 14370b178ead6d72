using StockLakehouse.Cli.Pipeline;

namespace StockLakehouse.Cli.Tests.Pipeline;

/// <summary>The stages' names in the run manifest, which the dashboard's run history and schedulers read, and on the console.</summary>
public sealed class PipelineStageNamesTests
{
    private static readonly string[] ManifestNames = ["extract", "silver", "gold", "load", "check"];

    [Fact]
    public void The_manifest_names_every_stage_as_before_in_the_order_of_the_enum()
    {
        var stages = Enum.GetValues<PipelineStage>()
            .Select(s => new StageRecord(s, DateTimeOffset.UnixEpoch, 1, 2, 3, new Dictionary<string, long>(), new Dictionary<string, object>()))
            .ToArray();
        var manifest = new RunManifest("r", "run", RunStatus.Succeeded, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Dictionary<string, object>(), stages, new Dictionary<string, long>(), []);

        using var json = JsonDocument.Parse(manifest.ToJson());

        Assert.Equal(ManifestNames, json.RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
    }

    [Fact]
    public void The_console_uses_the_manifests_names()
    {
        Assert.Equal(ManifestNames, Enum.GetValues<PipelineStage>().Select(s => s.Name()));
    }

    [Fact]
    public void A_manifests_stage_name_reads_back_as_its_stage()
    {
        var record = JsonSerializer.Deserialize<StageRecord>("""{"stage":"load","started_at":"2025-01-02T00:00:00+00:00","duration_ms":1,"records_in":2,"records_out":3,"rejects":{},"details":{}}""");

        Assert.Equal(PipelineStage.Load, record!.Stage);
    }
}
