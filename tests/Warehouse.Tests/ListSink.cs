using Serilog.Core;
using Serilog.Events;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>A log sink that keeps every event, for tests that read what was logged.</summary>
internal sealed class ListSink(List<LogEvent> events) : ILogEventSink
{
    public void Emit(LogEvent logEvent) => events.Add(logEvent);
}
