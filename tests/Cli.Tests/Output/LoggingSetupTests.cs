using Serilog.Events;
using StockLakehouse.Cli.Output;

namespace StockLakehouse.Cli.Tests.Output;

/// <summary>
/// Closing the run's log on a full disk: <c>/dev/full</c> fails every write with ENOSPC, as a full file system does,
/// so the file sink's flush fails for real. The failure is one line saying so, never an exception that would replace
/// the run's exit code (it once ended a run with exit 1 instead of 3).
/// </summary>
public sealed class LoggingSetupTests
{
    private const string FullDevice = "/dev/full";

    [Fact]
    public async Task CloseAsync_LogOnAFullDevice_SaysNoSpaceLeftInOneLineWithoutThrowing()
    {
        Assert.True(File.Exists(FullDevice), $"This test needs Linux's {FullDevice}.");
        var log = LoggingSetup.Create(FullDevice, LogEventLevel.Fatal, "run-1", consoleStackTraces: false);
        log.Information("An event the file sink cannot write through");
        using var error = new StringWriter();

        await LoggingSetup.CloseAsync(log, FullDevice, "run", error);

        Assert.Equal($"lakehouse run: the run's log '{FullDevice}' could not be written completely: no space left on device{Environment.NewLine}", error.ToString());
    }
}
