using System.Globalization;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Catalog;

namespace StockLakehouse.Cli.Options;

/// <summary>
/// Turns the values of a command's option groups into its <see cref="CommandSettings"/>, failing with a precise
/// sentence before anything is written.
/// </summary>
public static class OptionResolver
{
    /// <summary>
    /// Checks and resolves the option groups of <paramref name="command"/>: <paramref name="common"/>, and
    /// <paramref name="extract"/> when the command extracts (null otherwise). <paramref name="clock"/> gives today's
    /// date for live sources.
    /// </summary>
    public static CommandSettings Resolve(CommonOptionValues common, ExtractOptionValues? extract, PipelineCommand command, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(clock);
        if (command.Extracts != extract is not null)
        {
            throw new ArgumentException($"The command '{command.Name}' {(command.Extracts ? "extracts and needs" : "does not extract and takes no")} extract options.", nameof(extract));
        }

        var extractSettings = extract is null ? null : ExtractOptionResolver.Resolve(extract);
        // Without a live source (the simulated market, or a command that does not extract) the dates default to
        // fixed ones, so that two default runs are identical.
        var fixedDates = extractSettings?.IsSimulated ?? true;
        // check compares the warehouse with the end of the run that built it, unless told otherwise.
        var lakeArgument = common.Lake ?? Path.Combine(common.Output ?? OptionDefaults.OutputFolder, "lake");
        var builtEnd = command.EndFromLastBuild && common.End is null && common.Start is null && !LakeStores.IsGcs(lakeArgument)
            ? LastBuild.EndDate(LakeStores.LocalFolder(lakeArgument))
            : null;
        var (startDate, endDate) = ResolveDates(common, fixedDates, clock, builtEnd);
        if (common.Parallelism is < 1 or > 256)
        {
            throw new UsageException($"--parallelism must be between 1 and 256, not {common.Parallelism}.");
        }

        ReferenceData referenceData;
        try
        {
            referenceData = common.Reference is null ? ReferenceData.LoadDefault() : ReferenceData.Load(common.Reference);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot load the reference data: {e.Message}");
        }

        // The simulated market invents prices from a company's reference row, so it simulates reference companies
        // only; live and imported data may name any symbol (gold describes it from the landed company data).
        var simulates = extractSettings is { IsSimulated: true };
        var selected = common.SymbolsFromListing
            ? ListedSymbols(common, lakeArgument, referenceData, simulates)
            : SelectSymbols(common.Symbols, common.SymbolsFile, referenceData, simulates);
        // With a Cloud Storage lake only the run's log file is local; by default it goes to the temporary folder,
        // which is writable where the current one may not be (a container's app folder).
        var output = common.Output ?? (common.Lake is { } gs && LakeStores.IsGcs(gs) ? Path.Combine(Path.GetTempPath(), "stocklakehouse") : OptionDefaults.OutputFolder);
        var folder = Path.GetFullPath(output);
        var settings = new CommonSettings(folder, selected, startDate, endDate, common.Parallelism ?? Environment.ProcessorCount, referenceData)
        {
            EveryLakeSymbol = command.EveryLakeSymbolByDefault && !common.SymbolsGiven,
            EndGiven = common.End is not null,
            TransformParallelism = common.Parallelism ?? 2 * Environment.ProcessorCount,
        };
        if (common.Lake is { } lake)
        {
            settings = settings with { Lake = ResolveLake(lake, command) };
        }

        EnsureWritable(settings.LocalRunsFolder, settings.LakeIsLocal ? "lake" : "output");
        return new CommandSettings(settings, extractSettings is null ? null : ForImport(extractSettings, common, settings));
    }

    /// <summary>
    /// An import lands only the files of the symbols asked for, judged against the dates asked for, when either was
    /// given: the common options that narrow it.
    /// </summary>
    private static ExtractSettings ForImport(ExtractSettings extract, CommonOptionValues common, CommonSettings settings) => extract with
    {
        Source = extract.Source with
        {
            ImportSymbols = common.SymbolsGiven ? settings.Symbols.Select(s => s.Value).ToArray() : null,
            ImportFrom = common.Start is null ? null : settings.Start,
            ImportTo = common.End is null ? null : settings.End,
        },
    };

    private static (DateOnly Start, DateOnly End) ResolveDates(CommonOptionValues values, bool fixedDates, TimeProvider clock, DateOnly? builtEnd)
    {
        // A live source defaults to the last session that has closed in New York (a later bar is still forming).
        var defaultEnd = fixedDates ? OptionDefaults.End : NyseCalendar.Instance.LastCompletedSession(clock.GetUtcNow());
        var endDate = ParseDate(values.End, "--end") ?? builtEnd ?? defaultEnd;
        var startDate = ParseDate(values.Start, "--start")
            ?? (values.End is null && fixedDates && builtEnd is null ? OptionDefaults.Start : endDate.AddYears(-2).AddDays(1));
        if (endDate < startDate)
        {
            throw new UsageException($"--end {endDate:yyyy-MM-dd} is before --start {startDate:yyyy-MM-dd}.");
        }

        var (first, last, why) = fixedDates
            ? (1995, 2098, "the simulated market's history and the NYSE calendar's range")
            : (NyseCalendar.MinYear, NyseCalendar.MaxYear - 1, "the NYSE calendar's range");
        if (startDate.Year < first || endDate.Year > last)
        {
            throw new UsageException($"Dates must lie between {first}-01-01 and {last}-12-31 ({why}); got {startDate:yyyy-MM-dd} to {endDate:yyyy-MM-dd}.");
        }

        return (startDate, endDate);
    }

    private static string ResolveLake(string lake, PipelineCommand command)
    {
        if (!LakeStores.IsGcs(lake))
        {
            return LakeStores.LocalFolder(lake);
        }

        if (!command.AcceptsBucketLake)
        {
            throw new UsageException(
                $"A gs:// lake is for 'lakehouse extract' only; '{command.Name}' works on a local lake. In the cloud, silver and gold run on Dataproc Serverless and the load and checks on BigQuery ('lakehouse deploy').");
        }

        try
        {
            return GcsLocation.Parse(lake).ToString();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UsageException($"--lake '{lake}': {e.Message}");
        }
    }

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option} '{text}' is not a date in yyyy-MM-dd form.");
    }

    private static IReadOnlyList<Symbol> ListedSymbols(CommonOptionValues values, string lake, ReferenceData reference, bool simulates)
    {
        if (values.Symbols is not null || values.SymbolsFile is not null)
        {
            throw new UsageException("Give one of --symbols, --symbols-file and --symbols-from-listing.");
        }

        if (simulates)
        {
            throw new UsageException("--symbols-from-listing needs a live or import source: the simulated market simulates reference companies only.");
        }

        if (LakeStores.IsGcs(lake))
        {
            throw new UsageException("--symbols-from-listing reads a local lake; with a gs:// lake, pass the listing as --symbols-file.");
        }

        try
        {
            return ListedUniverse.ActiveSymbols(LakeStores.LocalFolder(lake), reference);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static IReadOnlyList<Symbol> SelectSymbols(string? list, string? file, ReferenceData reference, bool referenceOnly)
    {
        if (list is not null && file is not null)
        {
            throw new UsageException("Give either --symbols or --symbols-file, not both.");
        }

        IEnumerable<string> texts;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"The symbols file '{file}' does not exist.");
            }

            texts = SymbolFile.Texts(File.ReadAllLines(file));
        }
        else if (list is not null)
        {
            texts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        else
        {
            return reference.Companies.Select(c => c.Symbol).ToArray();
        }

        var symbols = new List<Symbol>();
        var seen = new HashSet<Symbol>();
        foreach (var text in texts)
        {
            if (!Symbol.TryParse(text, out var symbol))
            {
                throw new UsageException($"'{text}' is not a ticker symbol ({Symbol.Rule}).");
            }

            if (referenceOnly && !reference.TryGetCompany(symbol, out _))
            {
                throw new UsageException(
                    $"Symbol {symbol} is not in the company reference file '{Path.Combine(reference.Directory, ReferenceData.CompaniesFile)}', and the simulated market simulates reference companies only; add it there, or choose a live source.");
            }

            if (seen.Add(symbol))
            {
                symbols.Add(symbol);
            }
        }

        return symbols.Count > 0 ? symbols : throw new UsageException("No symbol selected: the list or file is empty.");
    }

    /// <summary>
    /// Fails with exit code 2 when no trading session lies in the range: daily bars of holidays and weekends do not
    /// exist, so such a run could only end on a freshness check instead of saying what was wrong.
    /// </summary>
    public static void EnsureSessions(CommonSettings options, ExtractSettings extract)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(extract);
        if (extract.Source.Source is ExtractSourceCatalog.Simulated or ExtractSourceCatalog.Yahoo && NyseCalendar.Instance.CountTradingDays(options.Start, options.End) == 0)
        {
            var days = string.Join(", ", Enumerable.Range(0, options.End.DayNumber - options.Start.DayNumber + 1)
                .Select(options.Start.AddDays)
                .Select(d => NyseCalendar.Instance.HolidayName(d) is { } holiday ? $"{d:yyyy-MM-dd} {holiday}" : $"{d:yyyy-MM-dd} {d.DayOfWeek}"));
            throw new UsageException($"There is no NYSE session from {options.Start:yyyy-MM-dd} to {options.End:yyyy-MM-dd} ({days}); choose a range with at least one trading day.");
        }
    }

    /// <summary>Fails with exit code 2, before anything runs, when <paramref name="folder"/> (the <paramref name="what"/> folder) cannot be written.</summary>
    public static void EnsureWritable(string folder, string what)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The {what} folder '{folder}' is not writable: {e.Message}");
        }
    }
}
