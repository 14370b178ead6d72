using System.CommandLine;

namespace StockLakehouse.Cli.Options;

/// <summary>The options every pipeline command takes (where, which symbols, which dates, how wide), bound to <see cref="CommonOptionValues"/>.</summary>
internal sealed class CommonOptionGroup
{
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Output folder (default ./out; the temporary folder when --lake is gs://): the lake goes in <out>/lake, the warehouse in <out>/warehouse/lakehouse.duckdb." };
    private readonly Option<string?> _lake = new("--lake") { Description = "The lake: a folder (default <out>/lake) or, for extract, gs://bucket[/prefix] in Cloud Storage (Application Default Credentials; STORAGE_EMULATOR_HOST selects an emulator)." };
    private readonly Option<string?> _symbols = new("--symbols", "-s") { Description = "Comma-separated symbols, e.g. AAPL,MSFT (default: every company in the reference file; for transform, every symbol with raw daily bars in the lake)." };
    private readonly Option<string?> _symbolsFile = new("--symbols-file") { Description = "A file with one symbol per line (or a CSV whose first column is the symbol)." };
    private readonly Option<bool> _symbolsFromListing = new("--symbols-from-listing") { Description = "Every active listing on a known exchange in the newest Alpha Vantage LISTING_STATUS landed in the local lake (land one with: extract --source alphavantage --datasets listing_status)." };
    private readonly Option<string?> _start = new("--start", "--from") { Description = "First date, yyyy-MM-dd (default: two years before --end; 2024-01-01 for the simulated market without --end)." };
    private readonly Option<string?> _end = new("--end", "--to") { Description = "Last date, inclusive, yyyy-MM-dd (default: 2025-12-31 for the simulated market and for transform and load; for check, the end of the newest run, or transform given --end, in the lake; for a live source, the last session that has closed in New York)." };
    private readonly Option<int?> _parallelism = new("--parallelism", "-p") { Description = "Symbol partitions processed at once (default: the number of cores; twice that for the transform, whose workers wait on the disk)." };
    private readonly Option<string?> _reference = new("--reference") { Description = "Folder with companies.csv and exchanges.csv (default: the data/reference shipped with the tool)." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show debug messages on the console." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _out, _lake, _symbols, _symbolsFile, _symbolsFromListing, _start, _end, _parallelism, _reference, _verbose })
        {
            command.Add(option);
        }
    }

    public CommonOptionValues Bind(ParseResult parse) => new()
    {
        Output = parse.GetValue(_out),
        Lake = parse.GetValue(_lake),
        Symbols = parse.GetValue(_symbols),
        SymbolsFile = parse.GetValue(_symbolsFile),
        SymbolsFromListing = parse.GetValue(_symbolsFromListing),
        Start = parse.GetValue(_start),
        End = parse.GetValue(_end),
        Parallelism = parse.GetValue(_parallelism),
        Reference = parse.GetValue(_reference),
        Verbose = parse.GetValue(_verbose),
    };
}
