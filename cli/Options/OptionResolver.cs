using System.Globalization;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Cli.Options;

/// <summary>Turns raw command-line values into <see cref="LakehouseOptions"/>, failing with a precise sentence before anything is written.</summary>
public static class OptionResolver
{
    public static LakehouseOptions Resolve(
        string? output,
        string? symbols,
        string? symbolsFile,
        string? start,
        string? end,
        ulong seed,
        bool noDefects,
        int? parallelism,
        string? reference)
    {
        var endDate = ParseDate(end, "--end") ?? OptionDefaults.End;
        var startDate = ParseDate(start, "--start") ?? (end is null ? OptionDefaults.Start : endDate.AddYears(-2).AddDays(1));
        if (endDate < startDate)
        {
            throw new UsageException($"--end {endDate:yyyy-MM-dd} is before --start {startDate:yyyy-MM-dd}.");
        }

        if (startDate.Year < 1995 || endDate.Year > 2098)
        {
            throw new UsageException($"Dates must lie between 1995-01-01 and 2098-12-31 (the simulated market's history and the NYSE calendar's range); got {startDate:yyyy-MM-dd} to {endDate:yyyy-MM-dd}.");
        }

        if (parallelism is < 1 or > 256)
        {
            throw new UsageException($"--parallelism must be between 1 and 256, not {parallelism}.");
        }

        ReferenceData referenceData;
        try
        {
            referenceData = reference is null ? ReferenceData.LoadDefault() : ReferenceData.Load(reference);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot load the reference data: {e.Message}");
        }

        var selected = SelectSymbols(symbols, symbolsFile, referenceData);
        var folder = Path.GetFullPath(output ?? OptionDefaults.OutputFolder);
        EnsureWritable(folder);
        return new LakehouseOptions(folder, selected, startDate, endDate, seed, !noDefects, parallelism ?? Environment.ProcessorCount, referenceData);
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

    private static IReadOnlyList<Symbol> SelectSymbols(string? list, string? file, ReferenceData reference)
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

            texts = File.ReadAllLines(file)
                .Select(l => l.Split('#')[0].Split(',')[0].Trim())
                .Where(l => l.Length > 0 && !l.Equals("symbol", StringComparison.OrdinalIgnoreCase));
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
        foreach (var text in texts)
        {
            if (!Symbol.TryParse(text, out var symbol))
            {
                throw new UsageException($"'{text}' is not a ticker symbol (letters, digits and . - ^ =, at most {Symbol.MaxLength}).");
            }

            if (!reference.TryGetCompany(symbol, out _))
            {
                throw new UsageException($"Symbol {symbol} is not in the company reference file '{Path.Combine(reference.Directory, ReferenceData.CompaniesFile)}'; add it there first.");
            }

            if (!symbols.Contains(symbol))
            {
                symbols.Add(symbol);
            }
        }

        return symbols.Count > 0 ? symbols : throw new UsageException("No symbol selected: the list or file is empty.");
    }

    private static void EnsureWritable(string folder)
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
            throw new UsageException($"The output folder '{folder}' is not writable: {e.Message}");
        }
    }
}
