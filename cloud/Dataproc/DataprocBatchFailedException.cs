using System.Text;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// A Dataproc batch ended FAILED or CANCELLED, or could not be started. The message carries Dataproc's own
/// state message and every place the batch's logs are: the driver output URI, the diagnostic output URI and
/// the Cloud Logging query.
/// </summary>
public sealed class DataprocBatchFailedException : Exception
{
    public DataprocBatchFailedException(DataprocBatch batch, string? advice = null)
        : base(Describe(batch, advice))
    {
        ArgumentNullException.ThrowIfNull(batch);
        BatchName = batch.Name;
        State = batch.State;
        StateMessage = batch.StateMessage;
        OutputUri = batch.OutputUri;
        DiagnosticOutputUri = batch.DiagnosticOutputUri;
        LoggingUri = batch.LoggingUri;
    }

    public DataprocBatchFailedException(string batchName, string message)
        : base($"Dataproc batch {batchName} could not run: {message}")
    {
        BatchName = batchName;
        StateMessage = message;
    }

    public string BatchName { get; }

    public string? State { get; }

    public string? StateMessage { get; }

    public string? OutputUri { get; }

    public string? DiagnosticOutputUri { get; }

    public string? LoggingUri { get; }

    private static string Describe(DataprocBatch batch, string? advice)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var text = new StringBuilder($"Dataproc batch {batch.BatchId} ended {batch.State}: {batch.StateMessage ?? "(Dataproc gave no state message)"}");
        text.Append("\n  driver output: ").Append(batch.OutputUri ?? "(not reported)");
        if (batch.DiagnosticOutputUri is not null)
        {
            text.Append("\n  diagnostics: ").Append(batch.DiagnosticOutputUri);
        }

        text.Append("\n  Cloud Logging: ").Append(batch.LoggingUri);
        if (advice is not null)
        {
            text.Append('\n').Append(advice);
        }

        return text.ToString();
    }
}
