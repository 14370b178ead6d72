using System.Globalization;
using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Reference;

/// <summary>Exchanges and companies loaded from a reference folder (data/reference by default).</summary>
public sealed class ReferenceData
{
    public const string DirectoryName = "reference";
    public const string ExchangesFile = "exchanges.csv";
    public const string CompaniesFile = "companies.csv";
    public const string SnapshotsFolder = "snapshots";

    /// <summary>The first day of the first version of every company when the reference has no dated history.</summary>
    public static readonly DateOnly Beginning = new(1900, 1, 1);

    private readonly Dictionary<Symbol, CompanyReference> _companies;
    private readonly Dictionary<string, ExchangeReference> _exchanges;

    private ReferenceData(string directory, IReadOnlyList<ExchangeReference> exchanges, IReadOnlyList<CompanyReference> companies, IReadOnlyList<CompanySnapshot> snapshots)
    {
        Directory = directory;
        Exchanges = exchanges;
        Companies = companies;
        CompanySnapshots = snapshots;
        _exchanges = exchanges.ToDictionary(e => e.Mic, StringComparer.Ordinal);
        _companies = companies.ToDictionary(c => c.Symbol);
    }

    public string Directory { get; }

    public IReadOnlyList<ExchangeReference> Exchanges { get; }

    /// <summary>The current companies (companies.csv): the universe the commands default to.</summary>
    public IReadOnlyList<CompanyReference> Companies { get; }

    /// <summary>
    /// The dated extracts of the company file, oldest first, from which dim_company's history is built:
    /// <c>snapshots/companies_YYYY-MM-DD.csv</c>, each effective from its date. Without a snapshots folder,
    /// companies.csv alone, effective from <see cref="Beginning"/>.
    /// </summary>
    public IReadOnlyList<CompanySnapshot> CompanySnapshots { get; }

    /// <summary>The reference folder shipped next to the core assembly (the build copies data/reference there).</summary>
    public static ReferenceData LoadDefault() => Load(Path.Combine(CoreFiles.Folder, DirectoryName));

    public static ReferenceData Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The reference folder '{directory}' does not exist.");
        }

        var exchanges = ReadExchanges(CsvTable.Load(Path.Combine(directory, ExchangesFile)));
        var companies = ReadCompanies(CsvTable.Load(Path.Combine(directory, CompaniesFile)), exchanges);
        return new ReferenceData(directory, exchanges, companies, ReadSnapshots(directory, exchanges, companies));
    }

    private static List<CompanySnapshot> ReadSnapshots(string directory, List<ExchangeReference> exchanges, List<CompanyReference> current)
    {
        var folder = Path.Combine(directory, SnapshotsFolder);
        if (!System.IO.Directory.Exists(folder))
        {
            return [new CompanySnapshot(Beginning, current)];
        }

        var snapshots = new List<CompanySnapshot>();
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "companies_*.csv").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file)["companies_".Length..];
            if (!DateOnly.TryParseExact(stem, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effective))
            {
                throw new InvalidDataException($"The snapshot '{file}' is not named companies_YYYY-MM-DD.csv.");
            }

            snapshots.Add(new CompanySnapshot(effective, ReadCompanies(CsvTable.Load(file), exchanges)));
        }

        if (snapshots.Count == 0)
        {
            throw new InvalidDataException($"The snapshots folder '{folder}' holds no companies_YYYY-MM-DD.csv file.");
        }

        // companies.csv is the current extract: it must be the newest snapshot, or history would miss a change.
        if (!snapshots[^1].Companies.OrderBy(c => c.Symbol.Value, StringComparer.Ordinal).SequenceEqual(current.OrderBy(c => c.Symbol.Value, StringComparer.Ordinal)))
        {
            throw new InvalidDataException(
                $"'{Path.Combine(directory, CompaniesFile)}' differs from the newest snapshot ({snapshots[^1].EffectiveDate:yyyy-MM-dd}); save the current file as a new dated snapshot in '{folder}'.");
        }

        return snapshots;
    }

    /// <summary>
    /// A company file in the reference format (<c>symbol, name, mic, sector, industry, currency, country,
    /// ipo_date[, delisting_date]</c>; other columns are ignored), such as an ERP export landed by the extractor,
    /// as a snapshot effective from <paramref name="effective"/>. Its exchanges must be known to this reference.
    /// </summary>
    /// <exception cref="InvalidDataException">A column is missing, a value is invalid, or an exchange is unknown.</exception>
    public CompanySnapshot ParseSnapshot(string csvText, string source, DateOnly effective) =>
        new(effective, ReadCompanies(CsvTable.Parse(csvText, source), [.. Exchanges]));

    public bool TryGetCompany(Symbol symbol, out CompanyReference company) => _companies.TryGetValue(symbol, out company!);

    public CompanyReference Company(Symbol symbol) =>
        _companies.TryGetValue(symbol, out var company)
            ? company
            : throw new KeyNotFoundException($"Symbol {symbol} is not in the reference file '{Path.Combine(Directory, CompaniesFile)}'.");

    public ExchangeReference Exchange(string mic) =>
        _exchanges.TryGetValue(mic, out var exchange)
            ? exchange
            : throw new KeyNotFoundException($"Exchange {mic} is not in '{Path.Combine(Directory, ExchangesFile)}'.");

    /// <summary>The exchange Alpha Vantage names <paramref name="code"/> (case-insensitive), if the reference knows it.</summary>
    public ExchangeReference? ExchangeForAlphaVantage(string? code) =>
        code is null ? null : Exchanges.FirstOrDefault(e => e.AlphaVantageCodes.Contains(code.Trim(), StringComparer.OrdinalIgnoreCase));

    private static List<ExchangeReference> ReadExchanges(CsvTable csv)
    {
        int mic = csv.Column("mic"), name = csv.Column("name"), tz = csv.Column("timezone"), country = csv.Column("country"),
            currency = csv.Column("currency"), codes = csv.Column("yahoo_codes");
        var alphaVantage = csv.OptionalColumn("alphavantage_codes");
        var result = new List<ExchangeReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var code = Required(csv, i, row[mic], "mic");
            if (!seen.Add(code))
            {
                throw new InvalidDataException($"'{csv.Source}' lists exchange {code} twice.");
            }

            result.Add(new ExchangeReference(
                code,
                Required(csv, i, row[name], "name"),
                Required(csv, i, row[tz], "timezone"),
                Required(csv, i, row[country], "country"),
                Required(csv, i, row[currency], "currency"),
                Codes(row[codes]))
            {
                AlphaVantageCodes = alphaVantage is int a ? Codes(row[a]) : [],
            });
        }

        return result;
    }

    private static string[] Codes(string cell) => cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<CompanyReference> ReadCompanies(CsvTable csv, List<ExchangeReference> exchanges)
    {
        int symbol = csv.Column("symbol"), name = csv.Column("name"), mic = csv.Column("mic"), sector = csv.Column("sector"),
            industry = csv.Column("industry"), currency = csv.Column("currency"), country = csv.Column("country"),
            ipo = csv.Column("ipo_date");
        var delisting = csv.OptionalColumn("delisting_date");
        var mics = exchanges.Select(e => e.Mic).ToHashSet(StringComparer.Ordinal);
        var result = new List<CompanyReference>();
        var seen = new HashSet<Symbol>();
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var text = Required(csv, i, row[symbol], "symbol");
            if (!Symbol.TryParse(text, out var parsed))
            {
                throw new InvalidDataException($"'{csv.Source}' line {i + 2}: '{text}' is not a ticker symbol.");
            }

            if (!seen.Add(parsed))
            {
                throw new InvalidDataException($"'{csv.Source}' lists {parsed} twice.");
            }

            var exchange = Required(csv, i, row[mic], "mic");
            if (!mics.Contains(exchange))
            {
                throw new InvalidDataException($"'{csv.Source}' line {i + 2}: {parsed} lists on {exchange}, which exchanges.csv does not know.");
            }

            result.Add(new CompanyReference(
                parsed,
                Required(csv, i, row[name], "name"),
                exchange,
                Optional(row[sector]),
                Optional(row[industry]),
                Required(csv, i, row[currency], "currency"),
                Optional(row[country]),
                OptionalDate(csv, i, row[ipo], "ipo_date"),
                delisting is int d ? OptionalDate(csv, i, row[d], "delisting_date") : null));
        }

        return result;
    }

    private static string Required(CsvTable csv, int row, string value, string column) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidDataException($"'{csv.Source}' line {row + 2}: {column} is empty.")
            : value.Trim();

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? OptionalDate(CsvTable csv, int row, string value, string column)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"'{csv.Source}' line {row + 2}: {column} '{value}' is not a yyyy-MM-dd date.");
    }
}
