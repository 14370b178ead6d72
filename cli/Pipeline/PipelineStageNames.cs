using System.Reflection;
using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>The names of the stages as the manifest writes them, for the console and the log.</summary>
public static class PipelineStageNames
{
    private static readonly Dictionary<PipelineStage, string> Names = Enum.GetValues<PipelineStage>().ToDictionary(
        stage => stage,
        stage => typeof(PipelineStage).GetField(stage.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"Pipeline stage {stage} has no manifest name; give it a JsonStringEnumMemberName."));

    /// <summary>The manifest's name of <paramref name="stage"/>: extract, silver, gold, load or check.</summary>
    public static string Name(this PipelineStage stage) => Names[stage];
}
