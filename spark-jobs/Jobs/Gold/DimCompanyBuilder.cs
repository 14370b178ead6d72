using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// Builds dim_company as a type 2 slowly changing dimension from dated reference snapshots: when a newer
/// snapshot changes a company's name, exchange, sector, industry, currency, country or dates, the current
/// version is closed the day before the snapshot's effective date and a new one opens on it. The first
/// version of a company starts on <see cref="Beginning"/> so every historical fact finds a version.
/// A company missing from a later snapshot keeps its last version (absence is not a delisting). An IPO date or
/// country that becomes known where it was empty is a correction written into every version of the company
/// (type 1) and opens no version by itself; any other change, a delisting included, opens one.
/// </summary>
public static class DimCompanyBuilder
{
    public static readonly DateOnly Beginning = ReferenceData.Beginning;
    public static readonly DateOnly OpenEnd = new(9999, 12, 31);

    public static IReadOnlyList<CompanyVersion> Build(IReadOnlyList<CompanySnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var duplicates = snapshots.GroupBy(s => s.EffectiveDate).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
        {
            throw new ArgumentException($"Two company snapshots are effective on {duplicates.Key:yyyy-MM-dd}.", nameof(snapshots));
        }

        var versions = new Dictionary<string, List<CompanyVersion>>(StringComparer.Ordinal);
        var first = true;
        foreach (var snapshot in snapshots.OrderBy(s => s.EffectiveDate))
        {
            foreach (var company in snapshot.Companies)
            {
                var history = versions.TryGetValue(company.Symbol.Value, out var h) ? h : versions[company.Symbol.Value] = [];
                var current = history.Count > 0 ? history[^1] : null;
                if (current is not null && (current.IpoDate is null && company.IpoDate is not null || current.Country is null && company.Country is not null))
                {
                    // An IPO date or country that was unknown is a correction, not a change: every version learns it.
                    for (var i = 0; i < history.Count; i++)
                    {
                        history[i] = history[i] with { IpoDate = history[i].IpoDate ?? company.IpoDate, Country = history[i].Country ?? company.Country };
                    }

                    current = history[^1];
                }

                if (current is not null && SameAttributes(current, company))
                {
                    continue;
                }

                var validFrom = first || current is null ? Beginning : snapshot.EffectiveDate;
                if (current is not null)
                {
                    history[^1] = current with { ValidTo = snapshot.EffectiveDate.AddDays(-1), IsCurrent = false };
                }

                history.Add(new CompanyVersion(
                    DimensionKeys.Company(company.Symbol, validFrom),
                    company.Symbol,
                    company.Name,
                    DimensionKeys.Exchange(company.Mic),
                    company.Sector,
                    company.Industry,
                    company.Currency,
                    company.Country,
                    company.IpoDate,
                    company.DelistingDate,
                    validFrom,
                    OpenEnd,
                    IsCurrent: true));
            }

            first = false;
        }

        return versions.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value).ToArray();
    }

    /// <summary>
    /// The shipped snapshots with later extracts added (company files landed in the lake, each effective from
    /// its ingest date), one snapshot per date: on a date both have, a company listed by an added extract
    /// replaces the shipped row, and added extracts of one date apply in their given order.
    /// </summary>
    public static IReadOnlyList<CompanySnapshot> WithExtracts(IReadOnlyList<CompanySnapshot> shipped, IEnumerable<CompanySnapshot> extracts)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(extracts);
        return shipped.Concat(extracts)
            .GroupBy(s => s.EffectiveDate)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var bySymbol = new Dictionary<string, CompanyReference>(StringComparer.Ordinal);
                var order = new List<string>();
                foreach (var company in g.SelectMany(s => s.Companies))
                {
                    if (!bySymbol.ContainsKey(company.Symbol.Value))
                    {
                        order.Add(company.Symbol.Value);
                    }

                    bySymbol[company.Symbol.Value] = company;
                }

                return new CompanySnapshot(g.Key, order.Select(s => bySymbol[s]).ToArray());
            })
            .ToArray();
    }

    public static RecordBatch ToBatch(IReadOnlyList<CompanyVersion> versions)
    {
        bool[] ipoValid = versions.Select(v => v.IpoDate.HasValue).ToArray(), delistValid = versions.Select(v => v.DelistingDate.HasValue).ToArray();
        return new RecordBatch(
        [
            new Int64Column("company_key", versions.Select(v => v.CompanyKey).ToArray()),
            new StringColumn("symbol", versions.Select(v => (string?)v.Symbol.Value).ToArray()),
            new StringColumn("name", versions.Select(v => (string?)v.Name).ToArray()),
            new Int64Column("exchange_key", versions.Select(v => v.ExchangeKey).ToArray()),
            new StringColumn("sector", versions.Select(v => v.Sector).ToArray()),
            new StringColumn("industry", versions.Select(v => v.Industry).ToArray()),
            new StringColumn("currency", versions.Select(v => (string?)v.Currency).ToArray()),
            new StringColumn("country", versions.Select(v => v.Country).ToArray()),
            new DateColumn("ipo_date", versions.Select(v => v.IpoDate.GetValueOrDefault()).ToArray(), ipoValid),
            new DateColumn("delisting_date", versions.Select(v => v.DelistingDate.GetValueOrDefault()).ToArray(), delistValid),
            new DateColumn("valid_from", versions.Select(v => v.ValidFrom).ToArray()),
            new DateColumn("valid_to", versions.Select(v => v.ValidTo).ToArray()),
            new BooleanColumn("is_current", versions.Select(v => v.IsCurrent).ToArray()),
        ]);
    }

    private static bool SameAttributes(CompanyVersion v, CompanyReference c) =>
        v.Name == c.Name && v.ExchangeKey == DimensionKeys.Exchange(c.Mic) && v.Sector == c.Sector && v.Industry == c.Industry
        && v.Currency == c.Currency && v.Country == c.Country && v.IpoDate == c.IpoDate && v.DelistingDate == c.DelistingDate;
}
