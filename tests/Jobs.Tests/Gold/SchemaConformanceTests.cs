using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Gold;

/// <summary>Every table the code produces has exactly the columns, order and types its schemas/ file declares.</summary>
public sealed class SchemaConformanceTests
{
    private static readonly SchemaCatalog Catalog = SchemaCatalog.LoadDefault();

    private static DailyBarSeries FixtureBars()
    {
        DateOnly from = new(2020, 8, 26), to = new(2020, 9, 4);
        return new DailyBarSilverFunction(NyseCalendar.Instance)
            .Process(Symbol.Parse("XMPL"), [Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), from, to, to)]).Bars;
    }

    private static IReadOnlyList<CompanyVersion> Versions() => DimCompanyBuilder.Build(ReferenceData.LoadDefault().CompanySnapshots);

    [Fact]
    public void DailyBar_MatchesItsSchema() => Catalog["daily_bar"].Verify(DailyBarBatch.ToBatch(FixtureBars()));

    [Fact]
    public void DimDate_MatchesItsSchema() => Catalog["dim_date"].Verify(DimDateBuilder.Build(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

    [Fact]
    public void DimExchange_MatchesItsSchema() => Catalog["dim_exchange"].Verify(DimExchangeBuilder.Build(ReferenceData.LoadDefault().Exchanges));

    [Fact]
    public void DimCompany_MatchesItsSchema() => Catalog["dim_company"].Verify(DimCompanyBuilder.ToBatch(Versions()));

    [Fact]
    public void FactsAndIndicators_MatchTheirSchemas()
    {
        var bars = FixtureBars();
        var versions = new[] { new CompanyVersion(1, bars.Symbol, "X", 2, null, null, "USD", null, null, null, DimCompanyBuilder.Beginning, DimCompanyBuilder.OpenEnd, true) };

        var gold = GoldPartitionFunction.Compute(bars, versions);

        Catalog["fact_stock_price"].Verify(gold.Facts);
        Catalog["fact_technical_indicator"].Verify(gold.Indicators);
    }

    [Fact]
    public void SilverRoundTrip_ThroughTheBatch_IsLossless()
    {
        var bars = FixtureBars();

        var back = DailyBarBatch.FromBatch(bars.Symbol, DailyBarBatch.ToBatch(bars));

        Assert.Equal(bars.TradeDate, back.TradeDate);
        Assert.Equal(bars.Close, back.Close);
        Assert.Equal(bars.Volume, back.Volume);
        Assert.Equal(bars.Dividend, back.Dividend);
        Assert.Equal(bars.RawObject, back.RawObject);
    }
}
