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
    /// <summary>
    /// A property that keeps an event off the console: the command prints that error as its own one-line sentence, so
    /// the console shows it once while <c>log.json</c> keeps the event with its stack trace.
    /// </summary>
    public const string PrintedByCommand = "PrintedByCommand";

    /// <param name="consoleStackTraces">
    /// Whether console lines carry an error's stack trace (with <c>--verbose</c>); otherwise an error is one line on the
    /// console and its stack trace is in <c>log.json</c> only.
    /// </param>
    public static Serilog.Core.Logger Create(string logFile, LogEventLevel consoleLevel, string runId, bool consoleStackTraces) =>
        Console(consoleLevel, consoleStackTraces)
            .Enrich.WithProperty("RunId", runId)
            .WriteTo.File(new JsonFormatter(renderMessage: true), logFile, restrictedToMinimumLevel: LogEventLevel.Debug)
            .CreateLogger();

    /// <summary>
    /// Disposes <paramref name="log"/>, which flushes <c>log.json</c>. A flush that fails (a full disk: the file sink
    /// keeps the bytes it could not write and tries again here) is reported in one line on <paramref name="error"/> and
    /// never thrown, so it cannot replace the outcome of the run <paramref name="command"/> already decided.
    /// </summary>
    public static async Task CloseAsync(Serilog.Core.Logger log, string logFile, string command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            log.Dispose();
        }
        catch (IOException e)
        {
            var reason = DiskFull.Caused(e) ? "no space left on device" : e.Message;
            await error.WriteLineAsync($"lakehouse {command}: the run's log '{logFile}' could not be written completely: {reason}").ConfigureAwait(false);
        }
    }

    /// <summary>The console lines alone, for a command that is no run and so has no run folder (dashboard).</summary>
    public static Serilog.Core.Logger CreateConsoleOnly(LogEventLevel consoleLevel) => Console(consoleLevel, consoleStackTraces: true).CreateLogger();

    private static LoggerConfiguration Console(LogEventLevel consoleLevel, bool consoleStackTraces) =>
        new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Logger(console => console
                .Filter.ByExcluding(e => e.Properties.ContainsKey(PrintedByCommand))
                .WriteTo.Console(
                    restrictedToMinimumLevel: consoleLevel,
                    outputTemplate: consoleStackTraces ? "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}" : "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}",
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture));
}
