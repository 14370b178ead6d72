using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Tests.Gold;

public sealed class DimCompanyBuilderTests
{
    private static CompanyReference Company(string symbol, string name = "Name", string? sector = "Tech") =>
        new(Symbol.Parse(symbol), name, "XNAS", sector, "Software", "USD", "US", null, null);

    [Fact]
    public void Build_OneSnapshot_OneCurrentVersionPerCompanyFromTheBeginning()
    {
        var versions = DimCompanyBuilder.Build([new CompanySnapshot(new DateOnly(2024, 1, 1), [Company("AAA"), Company("BBB")])]);

        Assert.Equal(2, versions.Count);
        Assert.All(versions, v =>
        {
            Assert.Equal(DimCompanyBuilder.Beginning, v.ValidFrom);
            Assert.Equal(DimCompanyBuilder.OpenEnd, v.ValidTo);
            Assert.True(v.IsCurrent);
        });
    }

    [Fact]
    public void Build_SectorChangedInANewerSnapshot_ClosesTheOldVersionTheDayBeforeAndOpensANewOne()
    {
        var change = new DateOnly(2023, 3, 20);

        var versions = DimCompanyBuilder.Build(
        [
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("V", sector: "Information Technology")]),
            new CompanySnapshot(change, [Company("V", sector: "Financials")]),
        ]);

        Assert.Equal(2, versions.Count);
        var (old, current) = (versions[0], versions[1]);
        Assert.Equal(("Information Technology", DimCompanyBuilder.Beginning, change.AddDays(-1), false), (old.Sector, old.ValidFrom, old.ValidTo, old.IsCurrent));
        Assert.Equal(("Financials", change, DimCompanyBuilder.OpenEnd, true), (current.Sector, current.ValidFrom, current.ValidTo, current.IsCurrent));
        Assert.NotEqual(old.CompanyKey, current.CompanyKey);
    }

    [Fact]
    public void Build_UnchangedCompanyInLaterSnapshots_KeepsOneVersion()
    {
        var versions = DimCompanyBuilder.Build(
        [
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA")]),
            new CompanySnapshot(new DateOnly(2021, 1, 1), [Company("AAA")]),
            new CompanySnapshot(new DateOnly(2022, 1, 1), [Company("AAA")]),
        ]);

        Assert.Single(versions);
    }

    [Fact]
    public void Build_SnapshotsGivenOutOfOrder_AreAppliedByDate()
    {
        var versions = DimCompanyBuilder.Build(
        [
            new CompanySnapshot(new DateOnly(2022, 1, 1), [Company("AAA", name: "New")]),
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA", name: "Old")]),
        ]);

        Assert.Equal(["Old", "New"], versions.Select(v => v.Name));
    }

    [Fact]
    public void Build_CompanyMissingFromALaterSnapshot_KeepsItsLastVersionOpen()
    {
        var versions = DimCompanyBuilder.Build(
        [
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA"), Company("BBB")]),
            new CompanySnapshot(new DateOnly(2021, 1, 1), [Company("AAA")]),
        ]);

        Assert.True(versions.Single(v => v.Symbol.Value == "BBB").IsCurrent);
    }

    [Fact]
    public void Build_TwoSnapshotsOnOneDate_AreRefused() =>
        Assert.Throws<ArgumentException>(() => DimCompanyBuilder.Build(
        [
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA")]),
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA", name: "Other")]),
        ]));

    [Fact]
    public void Build_KeysAreDeterministic()
    {
        var snapshots = new[] { new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA")]), new CompanySnapshot(new DateOnly(2021, 6, 1), [Company("AAA", name: "B")]) };

        Assert.Equal(DimCompanyBuilder.Build(snapshots).Select(v => v.CompanyKey), DimCompanyBuilder.Build(snapshots).Select(v => v.CompanyKey));
    }

    [Fact]
    public void ShippedReference_HasTheMetaRenameAndThe2023GicsMoveAsVersions()
    {
        var versions = DimCompanyBuilder.Build(ReferenceData.LoadDefault().CompanySnapshots);

        Assert.Equal(100, versions.Count(v => v.IsCurrent));
        var meta = versions.Where(v => v.Symbol.Value == "META").ToArray();
        Assert.Equal(["Facebook Inc.", "Meta Platforms Inc."], meta.Select(v => v.Name));
        Assert.Equal(new DateOnly(2021, 10, 27), meta[0].ValidTo);
        foreach (var symbol in new[] { "V", "MA", "PYPL" })
        {
            Assert.Equal(["Information Technology", "Financials"], versions.Where(v => v.Symbol.Value == symbol).Select(v => v.Sector));
        }
    }

    [Fact]
    public void Facts_AcrossARename_PointToTheVersionValidOnTheirDate()
    {
        var versions = DimCompanyBuilder.Build(ReferenceData.LoadDefault().CompanySnapshots);
        DateOnly before = new(2021, 10, 27), after = new(2021, 10, 28);
        var bars = new DailyBarSeries(Symbol.Parse("META"), [before, after], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [0, 0], [1, 1], ["USD", "USD"], ["yahoo", "yahoo"], [after, after], ["k", "k"]);

        var keys = FactStockPriceFunction.Compute(bars, versions).Get<Int64Column>("company_key").Values;

        var meta = versions.Where(v => v.Symbol.Value == "META").ToArray();
        Assert.Equal([meta[0].CompanyKey, meta[1].CompanyKey], keys);
    }

    [Fact]
    public void WithExtracts_AddsLaterDatesAndOverridesOnlyTheListedCompaniesOnASharedDate()
    {
        var shipped = new[]
        {
            new CompanySnapshot(new DateOnly(2020, 1, 1), [Company("AAA", name: "A0"), Company("BBB", name: "B0")]),
            new CompanySnapshot(new DateOnly(2023, 1, 1), [Company("AAA", name: "A1"), Company("BBB", name: "B1")]),
        };
        var extracts = new[]
        {
            new CompanySnapshot(new DateOnly(2023, 1, 1), [Company("BBB", name: "B1-erp")]),
            new CompanySnapshot(new DateOnly(2025, 6, 2), [Company("AAA", name: "A2")]),
            new CompanySnapshot(new DateOnly(2025, 6, 2), [Company("AAA", name: "A3")]),
        };

        var merged = DimCompanyBuilder.WithExtracts(shipped, extracts);

        Assert.Equal([new DateOnly(2020, 1, 1), new DateOnly(2023, 1, 1), new DateOnly(2025, 6, 2)], merged.Select(s => s.EffectiveDate));
        Assert.Equal(["A1", "B1-erp"], merged[1].Companies.Select(c => c.Name));
        Assert.Equal(["A3"], merged[2].Companies.Select(c => c.Name));
        var versions = DimCompanyBuilder.Build(merged);
        Assert.Equal(["A0", "A1", "A3"], versions.Where(v => v.Symbol.Value == "AAA").Select(v => v.Name));
        Assert.Equal(["B0", "B1-erp"], versions.Where(v => v.Symbol.Value == "BBB").Select(v => v.Name));
    }
}
