using StockLakehouse.Core.Reference;

namespace StockLakehouse.Core.Tests.Reference;

public sealed class ReferenceDataTests
{
    private static void CopyShippedReference(string to, bool withSnapshots)
    {
        var from = Path.Combine(AppContext.BaseDirectory, ReferenceData.DirectoryName);
        foreach (var file in new[] { ReferenceData.ExchangesFile, ReferenceData.CompaniesFile })
        {
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
        }

        if (withSnapshots)
        {
            Directory.CreateDirectory(Path.Combine(to, ReferenceData.SnapshotsFolder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(from, ReferenceData.SnapshotsFolder)))
            {
                File.Copy(file, Path.Combine(to, ReferenceData.SnapshotsFolder, Path.GetFileName(file)));
            }
        }
    }

    [Fact]
    public void LoadDefault_ShipsOneHundredCompaniesAndDatedSnapshots()
    {
        var reference = ReferenceData.LoadDefault();

        Assert.Equal(100, reference.Companies.Count);
        Assert.Equal(
            [new DateOnly(2020, 1, 1), new DateOnly(2021, 10, 28), new DateOnly(2023, 3, 20)],
            reference.CompanySnapshots.Select(s => s.EffectiveDate));
        Assert.All(reference.Companies, c => reference.Exchange(c.Mic));
    }

    [Fact]
    public void Load_WithoutSnapshots_UsesCompaniesFromTheBeginning()
    {
        using var folder = new TempFolder();
        CopyShippedReference(folder.Path, withSnapshots: false);

        var snapshot = Assert.Single(ReferenceData.Load(folder.Path).CompanySnapshots);

        Assert.Equal(ReferenceData.Beginning, snapshot.EffectiveDate);
    }

    [Fact]
    public void Load_CompaniesFileNewerThanTheLatestSnapshot_IsRefusedWithAHint()
    {
        using var folder = new TempFolder();
        CopyShippedReference(folder.Path, withSnapshots: true);
        var companies = Path.Combine(folder.Path, ReferenceData.CompaniesFile);
        File.WriteAllText(companies, File.ReadAllText(companies).Replace("Apple Inc.", "Apple Computer Inc.", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => ReferenceData.Load(folder.Path));

        Assert.Contains("differs from the newest snapshot (2023-03-20)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAPL,Apple,XLON,IT,HW,USD,US,,", "XLON, which exchanges.csv does not know")]
    [InlineData("AAPL,Apple,XNAS,IT,HW,USD,US,1980-13-01,", "ipo_date '1980-13-01' is not a yyyy-MM-dd date")]
    [InlineData("A A,Apple,XNAS,IT,HW,USD,US,,", "'A A' is not a ticker symbol")]
    [InlineData("AAPL,,XNAS,IT,HW,USD,US,,", "name is empty")]
    public void Load_BadCompanyRow_FailsNamingTheLine(string row, string expected)
    {
        using var folder = new TempFolder();
        CopyShippedReference(folder.Path, withSnapshots: false);
        File.WriteAllText(Path.Combine(folder.Path, ReferenceData.CompaniesFile), "symbol,name,mic,sector,industry,currency,country,ipo_date,delisting_date\n" + row + "\n");

        var error = Assert.Throws<InvalidDataException>(() => ReferenceData.Load(folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSnapshot_AColumnNamedTwice_IsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ReferenceData.LoadDefault().ParseSnapshot("symbol,name,mic,sector,industry,currency,country,ipo_date,name\n", "erp.csv", new DateOnly(2025, 1, 6)));

        Assert.Contains("names the column 'name' twice", error.Message, StringComparison.Ordinal);
    }
}
