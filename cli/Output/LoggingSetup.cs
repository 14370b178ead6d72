using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace StockLakehouse.Cli.Output;

/// <summary>
/// Serilog: human-readable lines on standard error (standard output is kept for the summary) and a JSON
/// log of every event in the run's folder, <c>_runs/&lt;run id&gt;/log.json</c>.
/// </summary>
public static class LoggingSetup
{
    public static Serilog.Core.Logger Create(string logFile, LogEventLevel consoleLevel, string runId) =>
        new LoggerConfiguration()
            .MinimumLevel.Debug()
            .Enrich.WithProperty("RunId", runId)
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new JsonFormatter(renderMessage: true), logFile, restrictedToMinimumLevel: LogEventLevel.Debug)
            .CreateLogger();
}
