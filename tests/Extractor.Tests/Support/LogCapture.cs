using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>
/// A Serilog logger at Verbose whose every event is kept, rendered with its properties, for assertions. It holds
/// nothing to release (and, being its own sink, must not dispose its logger, which would dispose it in turn).
/// </summary>
internal sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly Logger _logger;

    public LogCapture()
    {
        _logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger => _logger;

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Each event as a line: the rendered message, every property, and the exception if any.</summary>
    public IReadOnlyList<string> Lines =>
        _events.Select(e => $"{e.RenderMessage()} | {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}").ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
