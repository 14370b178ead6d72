using Spectre.Console;

namespace StockLakehouse.Cli.Tests;

/// <summary>Runs the lakehouse command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var code = await new LakehouseCommands(TimeProvider.System, console, error).InvokeAsync(args);
        return (code, output.ToString(), error.ToString());
    }
}
