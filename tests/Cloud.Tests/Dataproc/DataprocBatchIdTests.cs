namespace StockLakehouse.Cloud.Tests.Dataproc;

public sealed class DataprocBatchIdTests
{
    private const string Alphabet = "abcXYZ019-_ .:/é€日本\t";

    [Fact]
    public void For_ManyDatesJobNamesAndAttempts_IsAlwaysAValidBatchId()
    {
        // A fixed seed keeps the property test reproducible; 20,000 cases run in well under a second.
        var random = new Random(20251231);
        for (var i = 0; i < 20_000; i++)
        {
            var job = RandomName(random);
            var date = DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1));
            var attempt = random.Next(4) == 0 ? random.Next(1, int.MaxValue) : 1;

            var id = DataprocBatchId.For(job, date, attempt);

            Assert.True(DataprocBatchId.IsValid(id), $"'{id}' (job '{job}', {date:yyyy-MM-dd}, attempt {attempt}) is not a valid batch id.");
            Assert.Contains(date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), id, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "batch-20251231")]
    [InlineData("---", "batch-20251231")]
    [InlineData("2025 backfill", "b-2025-backfill-20251231")]
    [InlineData("Lakehouse Silver!", "lakehouse-silver-20251231")]
    [InlineData("lakehouse-silver", "lakehouse-silver-20251231")]
    public void For_Names_AreLowerCasedDashedAndStartWithALetter(string job, string expected)
    {
        Assert.Equal(expected, DataprocBatchId.For(job, new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void For_VeryLongName_IsCutSoTheDateAndAttemptSurvive()
    {
        var id = DataprocBatchId.For(new string('x', 200), new DateOnly(2025, 12, 31), attempt: 12);

        Assert.Equal(DataprocBatchId.MaxLength, id.Length);
        Assert.EndsWith("-20251231-a12", id, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SameJobAndDate_IsTheSameIdAndAnotherDateIsAnother()
    {
        var date = new DateOnly(2025, 12, 31);

        Assert.Equal(DataprocBatchId.For("lakehouse-gold", date), DataprocBatchId.For("lakehouse-gold", date));
        Assert.NotEqual(DataprocBatchId.For("lakehouse-gold", date), DataprocBatchId.For("lakehouse-gold", date.AddDays(1)));
        Assert.NotEqual(DataprocBatchId.For("lakehouse-gold", date), DataprocBatchId.For("lakehouse-gold", date, attempt: 2));
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("abcd", true)]
    [InlineData("1abc", false)]
    [InlineData("abc-", false)]
    [InlineData("Abcd", false)]
    [InlineData("ab_cd", false)]
    [InlineData("a-1-b-2", true)]
    public void IsValid_Ids_FollowDataprocsRule(string id, bool valid)
    {
        Assert.Equal(valid, DataprocBatchId.IsValid(id));
    }

    [Fact]
    public void IsValid_SixtyFourCharacters_IsTooLong()
    {
        Assert.True(DataprocBatchId.IsValid(new string('a', 63)));
        Assert.False(DataprocBatchId.IsValid(new string('a', 64)));
    }

    private static string RandomName(Random random)
    {
        var length = random.Next(0, 90);
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }
}
