using Spectre.Console;
using StockLakehouse.Cli;
using StockLakehouse.Cli.Signals;

using var signals = new TerminationSignals();
return await new LakehouseCommands(TimeProvider.System, AnsiConsole.Console, Console.Error).InvokeAsync(args, signals.Token).ConfigureAwait(false);
