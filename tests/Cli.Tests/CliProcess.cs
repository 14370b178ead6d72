using System.Diagnostics;

namespace StockLakehouse.Cli.Tests;

/// <summary>The lakehouse CLI as a separate process (<c>dotnet lakehouse.dll</c>), for what in-process runs cannot show: signals, native libraries.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        Process = process;
        // Read both pipes from the start so a chatty process never blocks on a full one.
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    /// <summary>Starts the CLI in <paramref name="appFolder"/> (default: the test's own output, which holds it).</summary>
    public static CliProcess Start(string? appFolder, params string[] args) =>
        StartProgram("dotnet", [Path.Combine(appFolder ?? AppContext.BaseDirectory, "lakehouse.dll"), .. args]);

    /// <summary>Starts <paramref name="program"/>, which runs the CLI in a setting of its own (a shell that mounts a small file system first).</summary>
    public static CliProcess StartProgram(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Runs the CLI to its end (two minutes at most) and returns its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string? appFolder, params string[] args)
    {
        using var cli = Start(appFolder, args);
        var code = await cli.WaitAsync(TimeSpan.FromMinutes(2));
        return (code, await cli._stdout + await cli._stderr);
    }

    /// <summary>Everything the process printed, standard output then standard error; complete once it has ended.</summary>
    public async Task<string> OutputAsync() => await _stdout + await _stderr;

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    /// <summary>Kills the process if it still runs (a failed test must not leave it behind).</summary>
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
