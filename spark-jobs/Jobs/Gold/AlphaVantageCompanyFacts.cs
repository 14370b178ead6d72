using System.Globalization;
using System.Text.Json;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// What one Alpha Vantage answer says about a company, with the attributes it does not give left null:
/// the exchange already resolved to a MIC of the reference, the currency ISO 4217, the country ISO 3166-1 alpha-2.
/// </summary>
public sealed record CompanyFacts(
    Symbol Symbol,
    string? Name,
    string? Mic,
    string? Currency,
    string? Country,
    DateOnly? IpoDate,
    DateOnly? DelistingDate);

/// <summary>
/// Reads the company facts in landed Alpha Vantage OVERVIEW bodies (a flat JSON object of strings) and
/// LISTING_STATUS bodies (CSV <c>symbol,name,exchange,assetType,ipoDate,delistingDate,status</c>, US listings only,
/// "null" for no date). Exchanges the reference does not map (<c>alphavantage_codes</c> in exchanges.csv, e.g.
/// BATS) are left out: such a company cannot be placed in dim_exchange. OVERVIEW's Sector and Industry are not
/// read: they follow the SEC's SIC offices ("TECHNOLOGY", "COMPUTER &amp; OFFICE EQUIPMENT"), not the GICS-style
/// taxonomy of dim_company, and mixing the two in one column would make sector reports wrong.
/// </summary>
public static class AlphaVantageCompanyFacts
{
    public const string Source = LakeNames.AlphaVantage;
    public const string OverviewDataset = LakeNames.Overview;
    public const string ListingDataset = LakeNames.ListingStatus;

    /// <summary>The subject the extractor lands the active listing under (the delisted one is <c>_delisted</c>).</summary>
    public const string ActiveListingSubject = "_active";

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USA"] = "US",
        ["United States"] = "US",
        ["United States of America"] = "US",
        ["Canada"] = "CA",
        ["United Kingdom"] = "GB",
        ["UK"] = "GB",
        ["Ireland"] = "IE",
        ["Netherlands"] = "NL",
        ["Switzerland"] = "CH",
        ["Germany"] = "DE",
        ["France"] = "FR",
        ["Japan"] = "JP",
        ["China"] = "CN",
        ["Israel"] = "IL",
        ["Bermuda"] = "BM",
        ["Cayman Islands"] = "KY",
    };

    /// <summary>
    /// One OVERVIEW body's facts: name, exchange, currency and country, for <paramref name="symbol"/> — the symbol
    /// it was asked for (the object key's), which the body's Symbol must name, in Alpha Vantage's spelling or ours
    /// (BRK.B for BRK-B).
    /// </summary>
    /// <exception cref="InvalidDataException">The body is not an OVERVIEW object of the symbol.</exception>
    public static CompanyFacts ReadOverview(Symbol symbol, ReadOnlySpan<byte> body, string source, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{source}' is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"'{source}' is not an OVERVIEW object.");
            }

            string? Text(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Clean(value.GetString()) : null;

            var named = Text("Symbol");
            if (named is null || !string.Equals(named.Replace('.', '-'), symbol.Value.Replace('.', '-'), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"'{source}' is the OVERVIEW of '{named}', not of {symbol}.");
            }

            var currency = Text("Currency")?.ToUpperInvariant();
            return new CompanyFacts(
                symbol,
                Text("Name"),
                reference.ExchangeForAlphaVantage(Text("Exchange"))?.Mic,
                currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper) ? currency : null,
                Country(Text("Country")),
                IpoDate: null,
                DelistingDate: null);
        }
    }

    /// <summary>
    /// One LISTING_STATUS body's facts, one per symbol on a known exchange: name, exchange, the exchange's currency,
    /// IPO date and delisting date. A symbol listed more than once (a ticker reused after a delisting) keeps its
    /// active row, or else the row with the latest delisting date.
    /// </summary>
    /// <param name="badRows">Receives each row that cannot be read (its 1-based line and why); the other rows still count.</param>
    /// <exception cref="InvalidDataException">The body is no LISTING_STATUS CSV: a column is missing or a row is cut.</exception>
    public static IReadOnlyList<CompanyFacts> ReadListing(string csvText, string source, ReferenceData reference, ICollection<(int Line, string Problem)>? badRows = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var csv = CsvTable.Parse(csvText, source);
        int symbol = csv.Column("symbol"), name = csv.Column("name"), exchange = csv.Column("exchange"),
            ipo = csv.Column("ipoDate"), delisting = csv.Column("delistingDate"), status = csv.Column("status");
        var bySymbol = new Dictionary<Symbol, CompanyFacts>();
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var listedOn = reference.ExchangeForAlphaVantage(Clean(row[exchange]));
            if (listedOn is null)
            {
                continue;
            }

            CompanyFacts facts;
            try
            {
                facts = new CompanyFacts(
                    ParseSymbol(Clean(row[symbol]), $"{source} line {i + 2}"),
                    Clean(row[name]),
                    listedOn.Mic,
                    listedOn.Currency,
                    Country: null,
                    Date(row[ipo], source, i),
                    Date(row[delisting], source, i));
            }
            catch (InvalidDataException e) when (badRows is not null)
            {
                badRows.Add((i + 2, e.Message));
                continue;
            }

            var active = string.Equals(Clean(row[status]), "Active", StringComparison.OrdinalIgnoreCase);
            if (active)
            {
                facts = facts with { DelistingDate = null };
            }

            if (!bySymbol.TryGetValue(facts.Symbol, out var seen) || Supersedes(facts, seen))
            {
                bySymbol[facts.Symbol] = facts;
            }
        }

        return bySymbol.Values.ToArray();
    }

    /// <summary>Of two listing rows of one symbol, whether <paramref name="candidate"/> wins: an active row over a delisted one, else the later delisting.</summary>
    public static bool Supersedes(CompanyFacts candidate, CompanyFacts seen)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(seen);
        return (candidate.DelistingDate, seen.DelistingDate) switch
        {
            (null, null) => false,
            (null, _) => true,
            (_, null) => false,
            var (c, s) => c > s,
        };
    }

    private static Symbol ParseSymbol(string? text, string source) =>
        Symbol.TryParse(text, out var symbol) ? symbol : throw new InvalidDataException($"'{source}': '{text}' is not a ticker symbol.");

    private static string? Country(string? text) =>
        text is null ? null
        : text.Length == 2 && text.All(char.IsAsciiLetter) ? text.ToUpperInvariant()
        : CountryNames.GetValueOrDefault(text);

    private static DateOnly? Date(string text, string source, int row)
    {
        var value = Clean(text);
        if (value is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"'{source}' line {row + 2}: '{value}' is not a date in yyyy-MM-dd form.");
    }

    /// <summary>Alpha Vantage writes "None", "null" or "-" where it has no value.</summary>
    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Trim() is "None" or "null" or "-" ? null : text.Trim();
}
