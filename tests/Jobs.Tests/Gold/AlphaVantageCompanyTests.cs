using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Gold;

/// <summary>
/// Alpha Vantage OVERVIEW and LISTING_STATUS answers as company facts, and how they merge under the reference
/// snapshots into dim_company's versions.
/// </summary>
public sealed class AlphaVantageCompanyTests : IDisposable
{
    private static readonly ReferenceData Reference = ReferenceData.LoadDefault();
    private static readonly DateOnly Shipped = new(2020, 1, 1);
    private static readonly DateOnly Landed = new(2025, 3, 3);
    private readonly TempFolder _lake = new();

    public void Dispose() => _lake.Dispose();

    private static CompanyReference Company(string symbol, string name = "Name", string? country = "US", DateOnly? ipo = null, DateOnly? delisting = null) =>
        new(Symbol.Parse(symbol), name, "XNYS", "Information Technology", "Software", "USD", country, ipo, delisting);

    private static CompanyFacts Listed(string symbol, string name = "Listed Name", DateOnly? ipo = null, DateOnly? delisting = null) =>
        new(Symbol.Parse(symbol), name, "XNYS", "USD", null, ipo, delisting);

    private static IReadOnlyList<CompanyVersion> Versions(IReadOnlyList<CompanySnapshot> reference, IReadOnlyList<DatedCompanyFacts>? overviews = null, IReadOnlyList<DatedCompanyFacts>? listings = null) =>
        DimCompanyBuilder.Build(CompanyHistory.Merge(reference, overviews ?? [], listings ?? []));

    [Fact]
    public void ReadOverview_TakesNameExchangeCurrencyAndCountryButNotTheSicSector()
    {
        var facts = AlphaVantageCompanyFacts.ReadOverview(Symbol.Parse("IBM"), FixtureFiles.Bytes("alphavantage/overview-ibm.json"), "overview-ibm.json", Reference);

        Assert.Equal(new CompanyFacts(Symbol.Parse("IBM"), "International Business Machines", "XNYS", "USD", "US", null, null), facts);
    }

    [Fact]
    public void ReadOverview_InAlphaVantagesSpelling_IsFiledUnderTheSymbolAskedFor()
    {
        var facts = AlphaVantageCompanyFacts.ReadOverview(Symbol.Parse("BRK-B"), Encoding.UTF8.GetBytes("{\"Symbol\": \"BRK.B\", \"Name\": \"Berkshire Hathaway\", \"Exchange\": \"NYSE\"}"), "x.json", Reference);

        Assert.Equal(("BRK-B", "XNYS"), (facts.Symbol.Value, facts.Mic));
    }

    [Theory]
    [InlineData("[]", "not an OVERVIEW object")]
    [InlineData("{\"Symbol\": \"MSFT\"}", "is the OVERVIEW of 'MSFT', not of IBM")]
    [InlineData("{\"Name\": \"No Symbol\"}", "is the OVERVIEW of '', not of IBM")]
    [InlineData("{\"Symbol\": \"IBM\", \"Name\": ", "is not JSON")]
    public void ReadOverview_UnreadableBody_IsInvalidData(string body, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => AlphaVantageCompanyFacts.ReadOverview(Symbol.Parse("IBM"), Encoding.UTF8.GetBytes(body), "x.json", Reference));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadListing_MapsExchangesToMicsAndReadsNullAsNoDate()
    {
        var facts = AlphaVantageCompanyFacts.ReadListing(FixtureFiles.Text("alphavantage/listing-status-active.csv"), "active.csv", Reference).ToDictionary(f => f.Symbol.Value);

        Assert.Equal(8, facts.Count);
        Assert.Equal(new CompanyFacts(Symbol.Parse("AA"), "Alcoa Corp", "XNYS", "USD", null, new DateOnly(2016, 10, 18), null), facts["AA"]);
        Assert.Equal("XNAS", facts["AAPL"].Mic);
        Assert.Equal("ARCX", facts["SPY"].Mic);
        Assert.Equal("BRK-B", facts["BRK-B"].Symbol.Value);
    }

    [Fact]
    public void ReadListing_Delisted_GivesTheDelistingDate()
    {
        var facts = AlphaVantageCompanyFacts.ReadListing(FixtureFiles.Text("alphavantage/listing-status-delisted.csv"), "delisted.csv", Reference).ToDictionary(f => f.Symbol.Value);

        Assert.Equal(new DateOnly(2022, 11, 8), facts["TWTR"].DelistingDate);
        Assert.Equal(new DateOnly(2013, 11, 7), facts["TWTR"].IpoDate);
    }

    [Fact]
    public void ReadListing_UnknownExchangeIsLeftOut_AndAReusedTickerKeepsItsActiveRow()
    {
        const string csv = "symbol,name,exchange,assetType,ipoDate,delistingDate,status\r\n"
            + "CBOE1,On Cboe,BATS,Stock,2020-01-02,null,Active\r\n"
            + "ZZ,Old Holder,NYSE,Stock,1990-01-02,2001-05-04,Delisted\r\n"
            + "ZZ,New Holder,NASDAQ,Stock,2010-06-07,null,Active\r\n"
            + "ZZ,Older Holder,NYSE,Stock,1970-01-02,1989-05-04,Delisted\r\n";

        var facts = AlphaVantageCompanyFacts.ReadListing(csv, "listing.csv", Reference);

        var only = Assert.Single(facts);
        Assert.Equal(("ZZ", "New Holder", "XNAS", (DateOnly?)null), (only.Symbol.Value, only.Name, only.Mic, only.DelistingDate));
    }

    [Theory]
    [InlineData("symbol,name,exchange\nAA,Alcoa,NYSE\n", "has no column 'ipoDate'")]
    [InlineData("symbol,name,exchange,assetType,ipoDate,delistingDate,status\nAA,Alcoa,NYSE,Stock,18/10/2016,null,Active\n", "is not a date in yyyy-MM-dd form")]
    [InlineData("symbol,name,exchange,assetType,ipoDate,delistingDate,status\nAA,Alcoa,NYSE,Stock,2016-10-18,null\n", "has 6 fields")]
    public void ReadListing_BrokenCsv_IsInvalidData(string csv, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => AlphaVantageCompanyFacts.ReadListing(csv, "listing.csv", Reference));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadListing_ABadRowIsReportedAndTheOthersCount()
    {
        const string csv = "symbol,name,exchange,assetType,ipoDate,delistingDate,status\n"
            + "AA,Alcoa Corp,NYSE,Stock,18/10/2016,null,Active\n"
            + "A,Agilent Technologies Inc,NYSE,Stock,1999-11-18,null,Active\n";
        var bad = new List<(int Line, string Problem)>();

        var facts = AlphaVantageCompanyFacts.ReadListing(csv, "listing.csv", Reference, bad);

        Assert.Equal("A", Assert.Single(facts).Symbol.Value);
        var (line, problem) = Assert.Single(bad);
        Assert.Equal(2, line);
        Assert.Contains("'18/10/2016' is not a date", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ListingNeverOverridesTheReference_SoASlightlyDifferentNameOpensNoVersion()
    {
        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("AAPL", "Apple Inc.", ipo: new DateOnly(1980, 12, 12))])],
            listings: [new DatedCompanyFacts(Landed, [Listed("AAPL", "Apple Inc", ipo: new DateOnly(1980, 12, 12))])]);

        var only = Assert.Single(versions);
        Assert.Equal("Apple Inc.", only.Name);
    }

    [Fact]
    public void Merge_ListingFillsWhatTheReferenceLeavesEmpty_TheIpoDateInEveryVersion_TheDelistingAsANewVersion()
    {
        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("TWTR", "Twitter, Inc.")])],
            listings: [new DatedCompanyFacts(Landed, [Listed("TWTR", ipo: new DateOnly(2013, 11, 7), delisting: new DateOnly(2022, 11, 8))])]);

        Assert.Equal(2, versions.Count);
        var (before, after) = (versions[0], versions[1]);
        Assert.Equal((DimCompanyBuilder.Beginning, Landed.AddDays(-1), (DateOnly?)null, (DateOnly?)new DateOnly(2013, 11, 7)), (before.ValidFrom, before.ValidTo, before.DelistingDate, before.IpoDate));
        Assert.Equal((Landed, "Twitter, Inc.", (DateOnly?)new DateOnly(2013, 11, 7), (DateOnly?)new DateOnly(2022, 11, 8), true), (after.ValidFrom, after.Name, after.IpoDate, after.DelistingDate, after.IsCurrent));
    }

    [Fact]
    public void Merge_AnIpoDateFilledAlone_OpensNoVersion()
    {
        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("IBM")])],
            listings: [new DatedCompanyFacts(Landed, [Listed("IBM", ipo: new DateOnly(1962, 1, 2))])]);

        var only = Assert.Single(versions);
        Assert.Equal(((DateOnly?)new DateOnly(1962, 1, 2), DimCompanyBuilder.Beginning), (only.IpoDate, only.ValidFrom));
    }

    [Fact]
    public void Merge_ALaterReferenceSnapshotWithTheFieldStillEmpty_KeepsTheFill()
    {
        var later = new DateOnly(2025, 6, 2);

        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("KO", country: null)]), new CompanySnapshot(later, [Company("KO", country: null)])],
            overviews: [new DatedCompanyFacts(Landed, [new CompanyFacts(Symbol.Parse("KO"), "Coca-Cola Co", "XNYS", "USD", "US", null, null)])]);

        var only = Assert.Single(versions);
        Assert.Equal(("US", DimCompanyBuilder.Beginning, true), (only.Country, only.ValidFrom, only.IsCurrent));
    }

    [Fact]
    public void Merge_ACompanyOnlyAlphaVantageKnows_IsDescribedFromTheBeginning_WithOverviewOverListing()
    {
        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("KO")])],
            overviews: [new DatedCompanyFacts(Landed, [new CompanyFacts(Symbol.Parse("AA"), "Alcoa Corporation", "XNYS", "USD", "US", null, null)])],
            listings: [new DatedCompanyFacts(Landed, [Listed("AA", "Alcoa Corp", ipo: new DateOnly(2016, 10, 18))])]);

        var alcoa = Assert.Single(versions, v => v.Symbol.Value == "AA");
        Assert.Equal(
            ("Alcoa Corporation", DimensionKeys.Exchange("XNYS"), (string?)null, "USD", (string?)"US", (DateOnly?)new DateOnly(2016, 10, 18), DimCompanyBuilder.Beginning),
            (alcoa.Name, alcoa.ExchangeKey, alcoa.Sector, alcoa.Currency, alcoa.Country, alcoa.IpoDate, alcoa.ValidFrom));
    }

    [Fact]
    public void Merge_TheSameListingLandedAgain_OpensNoVersion_AndAReusedTickersOldDelistingIsIgnored()
    {
        var active = Listed("ZZ", "New Holder", ipo: new DateOnly(2010, 6, 7));
        var oldHolder = Listed("ZZ", "Old Holder", ipo: new DateOnly(1990, 1, 2), delisting: new DateOnly(2001, 5, 4));

        var versions = Versions(
            [new CompanySnapshot(Shipped, [Company("KO")])],
            listings:
            [
                new DatedCompanyFacts(Landed, [active]),
                new DatedCompanyFacts(Landed.AddDays(1), [active]),
                new DatedCompanyFacts(Landed.AddDays(2), [oldHolder]),
            ]);

        var zz = Assert.Single(versions, v => v.Symbol.Value == "ZZ");
        Assert.Equal(("New Holder", (DateOnly?)null), (zz.Name, zz.DelistingDate));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Merge_OnOneDate_AnActiveRowBeatsTheDelistedRowOfAnEarlierHolder_InEitherOrder(bool activeFirst)
    {
        var active = Listed("ZZ", "New Holder");
        var oldHolder = Listed("ZZ", "Old Holder", delisting: new DateOnly(2021, 6, 30));

        var versions = Versions([], listings: [new DatedCompanyFacts(Landed, activeFirst ? [active, oldHolder] : [oldHolder, active])]);

        var zz = Assert.Single(versions);
        Assert.Equal(("New Holder", (DateOnly?)null), (zz.Name, zz.DelistingDate));
    }

    [Fact]
    public void Merge_ADayWithoutTheActiveFile_DoesNotBringBackAnEarlierHolder()
    {
        var versions = Versions(
            [],
            listings:
            [
                new DatedCompanyFacts(Landed, [Listed("ZZ", "New Holder")]),
                new DatedCompanyFacts(Landed.AddDays(1), [Listed("ZZ", "Old Holder", delisting: new DateOnly(2021, 6, 30))]),
            ]);

        Assert.Equal("New Holder", Assert.Single(versions).Name);
    }

    [Fact]
    public void Merge_AnOverviewTakenBeforeTheCurrentHoldersIpo_IsNotUsed()
    {
        var versions = Versions(
            [],
            overviews: [new DatedCompanyFacts(new DateOnly(2025, 1, 2), [new CompanyFacts(Symbol.Parse("ZZ"), "Old Holder Corp", "XNYS", "USD", "US", null, null)])],
            listings: [new DatedCompanyFacts(new DateOnly(2025, 7, 1), [new CompanyFacts(Symbol.Parse("ZZ"), "New Holder Inc", "XNAS", "USD", null, new DateOnly(2025, 6, 1), null)])]);

        var current = Assert.Single(versions, v => v.IsCurrent);
        Assert.Equal(("New Holder Inc", DimensionKeys.Exchange("XNAS"), (string?)null), (current.Name, current.ExchangeKey, current.Country));
    }

    [Fact]
    public void Merge_WithoutAlphaVantageFacts_IsTheReferenceHistory()
    {
        var merged = DimCompanyBuilder.Build(CompanyHistory.Merge(Reference.CompanySnapshots, [], []));

        Assert.Equal(DimCompanyBuilder.Build(Reference.CompanySnapshots), merged);
    }

    [Fact]
    public void Step_OutOfDateOrder_IsRefused()
    {
        var history = new CompanyHistory();
        history.Step(Landed, [Company("KO")], [], []);

        var error = Assert.Throws<ArgumentException>(() => history.Step(Landed, [], [], [Listed("AA")]));

        Assert.Contains("in date order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionsAsync_ReadsLandedOverviewAndListing_AndQuarantinesAnUnreadableObject()
    {
        var store = new LocalDirectoryObjectStore(_lake.Path);
        async Task Land(string dataset, string subject, string extension, byte[] body) =>
            await store.CreateAsync($"raw/source=alphavantage/dataset={dataset}/ingest_date={Landed:yyyy-MM-dd}/{subject}-r1{extension}", body, CancellationToken.None);
        await Land("listing_status", "_active", ".csv", FixtureFiles.Bytes("alphavantage/listing-status-active.csv"));
        await Land("listing_status", "_delisted", ".csv", FixtureFiles.Bytes("alphavantage/listing-status-delisted.csv"));
        await Land("overview", "IBM", ".json", FixtureFiles.Bytes("alphavantage/overview-ibm.json"));
        await Land("overview", "IBM", ".meta.json", Encoding.UTF8.GetBytes("{}"));
        await Land("overview", "KO", ".json", Encoding.UTF8.GetBytes("{\"Symbol\": \"KO\", \"Name\": "));
        await Land("listing_status", "_delisted-again", ".csv", Encoding.UTF8.GetBytes("symbol,name,exchange,assetType,ipoDate,delistingDate,status\nOLD,Old Co,NYSE,Stock,1990-01-02,2001-02-30,Delisted\n"));

        var (versions, rejects) = await LandedCompanyFiles.VersionsAsync(store, Reference, CancellationToken.None);

        Assert.Equal(2, rejects.Count);
        var reject = Assert.Single(rejects, r => r.Reason == LandedCompanyFiles.InvalidCompanyFile);
        Assert.Equal("dim_company", reject.Table);
        Assert.EndsWith("KO-r1.json", reject.RawObject, StringComparison.Ordinal);
        var row = Assert.Single(rejects, r => r.Reason == LandedCompanyFiles.InvalidListingRow);
        Assert.Equal(2, row.Index);
        Assert.Contains("2001-02-30", row.Detail, StringComparison.Ordinal);
        var current = versions.Where(v => v.IsCurrent).ToDictionary(v => v.Symbol.Value);
        Assert.Equal(("Alcoa Corp", (DateOnly?)new DateOnly(2016, 10, 18)), (current["AA"].Name, current["AA"].IpoDate));
        Assert.Equal((DateOnly?)new DateOnly(2023, 10, 13), current["ATVI"].DelistingDate);
        // IBM: the reference keeps its name and sector; the listing fills the IPO date it lacks, in its one version.
        Assert.Equal(("International Business Machines Corporation", "Information Technology", (DateOnly?)new DateOnly(1962, 1, 2)), (current["IBM"].Name, current["IBM"].Sector, current["IBM"].IpoDate));
        Assert.Single(versions, v => v.Symbol.Value == "IBM");
        // Reference companies the listing agrees with keep a single version.
        Assert.Single(versions, v => v.Symbol.Value == "MSFT");
    }
}
