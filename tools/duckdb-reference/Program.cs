using System.Globalization;
using StockLakehouse.DuckDbReference;

// Usage: duckdb-reference <database file> <raw JSON glob> [<threads>]
// Runs reference.sql (beside the tool) against a new database file over the raw chart objects matching the glob
// and prints the wall time and what was loaded. Peak memory is measured from outside (scripts/bench.sh runs the
// tool under /usr/bin/time).
if (args.Length is < 2 or > 3)
{
    await Console.Error.WriteLineAsync("Usage: duckdb-reference <database file> <raw JSON glob> [<threads>]");
    return 2;
}

int? threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
var sqlFile = Path.Combine(AppContext.BaseDirectory, "reference.sql");
var result = await ReferenceRun.ExecuteAsync(args[0], args[1], sqlFile, threads, CancellationToken.None);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"reference: {result.Bars:N0} bars loaded ({result.BarsWithEma12:N0} with ema_12, {result.BarsWithSma50:N0} with sma_50) in {result.Elapsed.TotalSeconds:F2} s"));
return 0;
