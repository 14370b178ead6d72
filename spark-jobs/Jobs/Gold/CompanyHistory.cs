using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Jobs.Gold;

/// <summary>Company facts from one source, effective from a date (the ingest date of the object they came from).</summary>
public sealed record DatedCompanyFacts(DateOnly EffectiveDate, IReadOnlyList<CompanyFacts> Facts);

/// <summary>
/// Merges the reference snapshots (shipped and landed company files) with Alpha Vantage's OVERVIEW and
/// LISTING_STATUS facts into one dated snapshot per date on which anything changed, for
/// <see cref="DimCompanyBuilder.Build"/>. Per attribute, as of each date, the latest value of the most trusted
/// source that gives one wins: the reference, then OVERVIEW, then LISTING_STATUS. So Alpha Vantage fills what the
/// reference leaves empty (IPO and delisting dates, country) and describes companies the reference does not know,
/// but never overrides the reference — "Apple Inc" in a listing does not open a new version of "Apple Inc.".
/// Sector and industry come from the reference only.
/// </summary>
/// <remarks>
/// Tickers are reused, and Alpha Vantage lists every holder of a ticker it has seen. So: the listings of one date
/// are merged first, a symbol's active row winning over its delisted rows; a delisting dated on or before the
/// IPO known for the symbol (or, with no IPO known, before the last date the symbol was seen active) belongs to
/// an earlier holder and is ignored; and an OVERVIEW taken before the IPO of the symbol's current holder is
/// about an earlier one and is not used.
/// </remarks>
public sealed class CompanyHistory
{
    private readonly Dictionary<Symbol, CompanyReference> _fromReference = [];
    private readonly Dictionary<Symbol, (CompanyFacts Facts, DateOnly Taken)> _fromOverview = [];
    private readonly Dictionary<Symbol, CompanyFacts> _fromListing = [];
    private readonly Dictionary<Symbol, DateOnly> _lastSeenActive = [];
    private readonly List<CompanySnapshot> _snapshots = [];
    private DateOnly? _last;

    /// <summary>One snapshot per date on which a company changed, holding the changed companies only (absence is no change).</summary>
    public IReadOnlyList<CompanySnapshot> Snapshots => _snapshots;

    /// <summary>The merge of whole lists, as <see cref="Step"/> date by date.</summary>
    public static IReadOnlyList<CompanySnapshot> Merge(
        IReadOnlyList<CompanySnapshot> reference,
        IReadOnlyList<DatedCompanyFacts> overviews,
        IReadOnlyList<DatedCompanyFacts> listings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(overviews);
        ArgumentNullException.ThrowIfNull(listings);
        var referenceOn = reference.ToLookup(s => s.EffectiveDate);
        var overviewsOn = overviews.ToLookup(o => o.EffectiveDate);
        var listingsOn = listings.ToLookup(l => l.EffectiveDate);
        var history = new CompanyHistory();
        foreach (var date in referenceOn.Select(g => g.Key).Concat(overviewsOn.Select(g => g.Key)).Concat(listingsOn.Select(g => g.Key)).Distinct().Order())
        {
            history.Step(date, referenceOn[date].SelectMany(s => s.Companies), overviewsOn[date].SelectMany(o => o.Facts), listingsOn[date].SelectMany(l => l.Facts));
        }

        return history.Snapshots;
    }

    /// <summary>
    /// Applies what the sources say on <paramref name="date"/> (later than any date stepped before); within a source,
    /// later items win. Only the state per symbol is kept, so a year of daily listings costs the memory of one.
    /// </summary>
    public void Step(DateOnly date, IEnumerable<CompanyReference> reference, IEnumerable<CompanyFacts> overviews, IEnumerable<CompanyFacts> listings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(overviews);
        ArgumentNullException.ThrowIfNull(listings);
        if (_last is { } last && date <= last)
        {
            throw new ArgumentException($"Company history must be stepped in date order: {date:yyyy-MM-dd} comes after {last:yyyy-MM-dd}.", nameof(date));
        }

        _last = date;
        var touched = new List<Symbol>();
        var seen = new HashSet<Symbol>();
        void Touch(Symbol s)
        {
            if (seen.Add(s))
            {
                touched.Add(s);
            }
        }

        foreach (var company in reference)
        {
            _fromReference[company.Symbol] = company;
            Touch(company.Symbol);
        }

        foreach (var facts in overviews)
        {
            if (!_fromOverview.TryGetValue(facts.Symbol, out var previous) || previous.Facts != facts)
            {
                _fromOverview[facts.Symbol] = (facts, date);
                Touch(facts.Symbol);
            }
        }

        foreach (var facts in OnePerSymbol(listings))
        {
            if (facts.DelistingDate is null)
            {
                _lastSeenActive[facts.Symbol] = date;
            }

            if (_fromListing.TryGetValue(facts.Symbol, out var previous) && facts == previous || IsEarlierHolder(facts))
            {
                continue;
            }

            _fromListing[facts.Symbol] = facts;
            Touch(facts.Symbol);
        }

        var companies = touched
            .Select(s => Resolve(s, _fromReference.GetValueOrDefault(s), _fromOverview.TryGetValue(s, out var o) ? o : null, _fromListing.GetValueOrDefault(s)))
            .OfType<CompanyReference>()
            .ToArray();
        if (companies.Length > 0)
        {
            _snapshots.Add(new CompanySnapshot(date, companies));
        }
    }

    /// <summary>One listing fact per symbol: an active row over delisted ones, else the latest delisting.</summary>
    private static IEnumerable<CompanyFacts> OnePerSymbol(IEnumerable<CompanyFacts> listings)
    {
        var bySymbol = new Dictionary<Symbol, CompanyFacts>();
        foreach (var facts in listings)
        {
            if (!bySymbol.TryGetValue(facts.Symbol, out var seen) || AlphaVantageCompanyFacts.Supersedes(facts, seen))
            {
                bySymbol[facts.Symbol] = facts;
            }
        }

        return bySymbol.Values;
    }

    private bool IsEarlierHolder(CompanyFacts facts)
    {
        if (facts.DelistingDate is not { } delisted)
        {
            return false;
        }

        var listed = _fromListing.GetValueOrDefault(facts.Symbol);
        var ipo = _fromReference.GetValueOrDefault(facts.Symbol)?.IpoDate ?? (listed is { DelistingDate: null } ? listed.IpoDate : null);
        return ipo is { } known ? delisted <= known : _lastSeenActive.TryGetValue(facts.Symbol, out var seen) && delisted < seen;
    }

    /// <summary>The company as the sources describe it, or null while they lack a name, an exchange or a currency.</summary>
    private static CompanyReference? Resolve(Symbol symbol, CompanyReference? reference, (CompanyFacts Facts, DateOnly Taken)? taken, CompanyFacts? listing)
    {
        if (reference is not null && taken is null && listing is null)
        {
            return reference;
        }

        var ipo = reference?.IpoDate ?? listing?.IpoDate;
        var overview = taken is { } t && (ipo is null || t.Taken >= ipo) ? t.Facts : null;
        var name = reference?.Name ?? overview?.Name ?? listing?.Name;
        var mic = reference?.Mic ?? overview?.Mic ?? listing?.Mic;
        var currency = reference?.Currency ?? overview?.Currency ?? listing?.Currency;
        if (name is null || mic is null || currency is null)
        {
            return null;
        }

        return new CompanyReference(
            symbol,
            name,
            mic,
            reference?.Sector,
            reference?.Industry,
            currency,
            reference?.Country ?? overview?.Country,
            ipo,
            reference?.DelistingDate ?? listing?.DelistingDate);
    }
}
