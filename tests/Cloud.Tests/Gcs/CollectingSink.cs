using Serilog.Core;
using Serilog.Events;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>Keeps every Serilog event, for tests that check what was logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
