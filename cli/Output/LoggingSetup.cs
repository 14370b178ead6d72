using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace StockLakehouse.Cli.Output;

/// <summary>
/// Serilog: human-readable lines on standard error (standard output is kept for the summary) and a JSON
/// log of every event in the run's folder, <c>_runs/&lt;run id&gt;/log.json</c> (for commands that are runs).
/// </summary>
public static class LoggingSetup
{
    public static Serilog.Core.Logger Create(string logFile, LogEventLevel consoleLevel, string runId) =>
        Console(consoleLevel)
            .Enrich.WithProperty("RunId", runId)
            .WriteTo.File(new JsonFormatter(renderMessage: true), logFile, restrictedToMinimumLevel: LogEventLevel.Debug)
            .CreateLogger();

    /// <summary>The console lines alone, for a command that is no run and so has no run folder (dashboard).</summary>
    public static Serilog.Core.Logger CreateConsoleOnly(LogEventLevel consoleLevel) => Console(consoleLevel).CreateLogger();

    private static LoggerConfiguration Console(LogEventLevel consoleLevel) =>
        new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
}
