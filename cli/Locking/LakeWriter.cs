using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Locking;

/// <summary>Who holds a lake's writer lock: enough for an operator to find the process and decide whether to wait.</summary>
internal sealed record LakeWriter(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt)
{
    /// <summary>This process, running <paramref name="command"/> as run <paramref name="runId"/>.</summary>
    public static LakeWriter Current(string command, string runId, DateTimeOffset startedAt) =>
        new(Environment.ProcessId, Environment.MachineName, command, runId, startedAt);

    /// <summary>The writer a lock's description names, or null when the description is missing or unreadable (a writer killed while writing it).</summary>
    public static LakeWriter? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<LakeWriter>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"process {Pid} on {Host} ('lakehouse {Command}', run {RunId}, started {StartedAt:yyyy-MM-dd HH:mm:ss} UTC)");
}
