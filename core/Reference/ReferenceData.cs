using System.Globalization;
using StockLakehouse.Core.Domain;

namespace StockLakehouse.Core.Reference;

/// <summary>Exchanges and companies loaded from a reference folder (data/reference by default).</summary>
public sealed class ReferenceData
{
    public const string DirectoryName = "reference";
    public const string ExchangesFile = "exchanges.csv";
    public const string CompaniesFile = "companies.csv";

    private readonly Dictionary<Symbol, CompanyReference> _companies;
    private readonly Dictionary<string, ExchangeReference> _exchanges;

    private ReferenceData(string directory, IReadOnlyList<ExchangeReference> exchanges, IReadOnlyList<CompanyReference> companies)
    {
        Directory = directory;
        Exchanges = exchanges;
        Companies = companies;
        _exchanges = exchanges.ToDictionary(e => e.Mic, StringComparer.Ordinal);
        _companies = companies.ToDictionary(c => c.Symbol);
    }

    public string Directory { get; }

    public IReadOnlyList<ExchangeReference> Exchanges { get; }

    public IReadOnlyList<CompanyReference> Companies { get; }

    /// <summary>The reference folder shipped next to the running assembly (the build copies data/reference there).</summary>
    public static ReferenceData LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, DirectoryName));

    public static ReferenceData Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The reference folder '{directory}' does not exist.");
        }

        var exchanges = ReadExchanges(CsvTable.Load(Path.Combine(directory, ExchangesFile)));
        var companies = ReadCompanies(CsvTable.Load(Path.Combine(directory, CompaniesFile)), exchanges);
        return new ReferenceData(directory, exchanges, companies);
    }

    public bool TryGetCompany(Symbol symbol, out CompanyReference company) => _companies.TryGetValue(symbol, out company!);

    public CompanyReference Company(Symbol symbol) =>
        _companies.TryGetValue(symbol, out var company)
            ? company
            : throw new KeyNotFoundException($"Symbol {symbol} is not in the reference file '{Path.Combine(Directory, CompaniesFile)}'.");

    public ExchangeReference Exchange(string mic) =>
        _exchanges.TryGetValue(mic, out var exchange)
            ? exchange
            : throw new KeyNotFoundException($"Exchange {mic} is not in '{Path.Combine(Directory, ExchangesFile)}'.");

    private static List<ExchangeReference> ReadExchanges(CsvTable csv)
    {
        int mic = csv.Column("mic"), name = csv.Column("name"), tz = csv.Column("timezone"), country = csv.Column("country"),
            currency = csv.Column("currency"), codes = csv.Column("yahoo_codes");
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
                row[codes].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return result;
    }

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
