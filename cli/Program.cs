using Spectre.Console;
using StockLakehouse.Cli;

return await new LakehouseCommands(TimeProvider.System, AnsiConsole.Console, Console.Error).InvokeAsync(args).ConfigureAwait(false);
