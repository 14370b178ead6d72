using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;
using StockLakehouse.TestSupport.Lake;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Silver lists only the raw folders that changed since it last recorded them (<see cref="RawListing"/>), and every body
/// whenever that cannot tell which bodies a symbol has: in every case the partitions equal one build's over the same raw
/// objects.
/// </summary>
public sealed class RawListingTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 2), 60);

    /// <summary>
    /// Dates the last change of every raw folder changed in the last minutes back by ten minutes, as the hours between
    /// daily runs would (<see cref="RawListing.Settle"/>); each change keeps a time of its own, so a folder changed again
    /// never gets back a token already recorded.
    /// </summary>
    private static void Age(StageLake lake)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(lake.Folder, LakeLayout.RawRoot), "ingest_date=*", SearchOption.AllDirectories))
        {
            var changed = Directory.GetLastWriteTimeUtc(folder);
            if (changed > DateTime.UtcNow.AddMinutes(-5))
            {
                Directory.SetLastWriteTimeUtc(folder, changed.AddMinutes(-10));
            }
        }
    }

    /// <summary>Lands AAA and BBB's sessions up to <paramref name="day"/> (the last five again), fetched that day, and runs silver and gold over both.</summary>
    private static async Task<StageReport> DayAsync(StageLake lake, int day, params string[] symbols)
    {
        foreach (var symbol in new[] { "AAA", "BBB" })
        {
            lake.Land(symbol, Sessions[day], Sessions[Math.Max(0, day - 5)..(day + 1)], symbol == "AAA" ? 100 : 200);
        }

        return (await lake.RunAsync(Sessions[day], symbols.Length == 0 ? ["AAA", "BBB"] : symbols)).Silver;
    }

    private static async Task<StageLake> ThreeDaysAsync()
    {
        var lake = new StageLake();
        foreach (var day in new[] { 40, 41, 42 })
        {
            await DayAsync(lake, day);
            Age(lake);
        }

        return lake;
    }

    [Fact]
    public async Task A_day_lists_the_folder_that_landed_since_and_the_one_before_and_nothing_older()
    {
        using var lake = new StageLake();
        var reports = new List<StageReport>();
        foreach (var day in new[] { 40, 41, 42, 43, 44 })
        {
            reports.Add(await DayAsync(lake, day));
            Age(lake);
        }

        // The first run has no record and lists everything. Each later one lists its own day's folder and the day
        // before's, which changed moments before the run that recorded it (RawListing.Settle), and no older one.
        Assert.Equal(("whole", 1), (reports[0].RawListing, reports[0].RawFoldersListed));
        Assert.All(reports.Skip(1), r => Assert.Equal(("since_last", 2), (r.RawListing, r.RawFoldersListed)));
        Assert.Equal(12, reports[^1].RecordsIn);
        await lake.AssertEqualsOneBuildAsync(Sessions[44], "AAA", "BBB");
    }

    [Fact]
    public async Task A_folder_changed_too_recently_to_trust_its_token_is_listed_again_and_kept_when_it_holds_the_same_bodies()
    {
        using var lake = new StageLake();
        await DayAsync(lake, 40);
        var second = await DayAsync(lake, 41);
        var third = await DayAsync(lake, 42);

        // Each folder last changed moments before the runs that recorded it: every run lists them all again, finds the
        // bodies recorded, and goes on from the record.
        Assert.Equal(("since_last", 2), (second.RawListing, second.RawFoldersListed));
        Assert.Equal(("since_last", 3), (third.RawListing, third.RawFoldersListed));
        await lake.AssertEqualsOneBuildAsync(Sessions[42], "AAA", "BBB");
    }

    [Fact]
    public async Task A_body_landed_under_a_recorded_ingest_date_makes_the_run_list_every_body()
    {
        using var lake = await ThreeDaysAsync();
        // A correction of AAA's session 38 fetched under the first day's ingest date, after silver recorded that folder.
        lake.Land("AAA", Sessions[40], Sessions[38..39], 900, request: "late");

        var (silver, _) = await lake.RunAsync(Sessions[42], "AAA", "BBB");

        Assert.Equal("whole", silver.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[42], "AAA", "BBB");
    }

    [Fact]
    public async Task A_body_or_a_folder_gone_makes_the_run_list_every_body()
    {
        using var lake = await ThreeDaysAsync();
        var folders = Directory.EnumerateDirectories(Path.Combine(lake.Folder, LakeLayout.RawRoot), "ingest_date=*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var body = Directory.EnumerateFiles(folders[1], "BBB-*.json").First(f => !f.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal));
        File.Delete(body);
        File.Delete(body[..^".json".Length] + LakeLayout.MetadataSuffix);

        var withoutBody = (await lake.RunAsync(Sessions[42], "AAA", "BBB")).Silver;
        await lake.AssertEqualsOneBuildAsync(Sessions[42], "AAA", "BBB");
        Age(lake);
        Directory.Delete(folders[0], recursive: true);
        var withoutFolder = (await lake.RunAsync(Sessions[42], "AAA", "BBB")).Silver;

        Assert.Equal("whole", withoutBody.RawListing);
        Assert.Equal("whole", withoutFolder.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[42], "AAA", "BBB");
    }

    [Fact]
    public async Task A_symbol_left_out_of_the_run_that_recorded_its_bodies_is_later_built_from_every_body()
    {
        using var lake = new StageLake();
        await DayAsync(lake, 40);
        Age(lake);
        // BBB's second day lands but only AAA runs: the folder is recorded with BBB not brought up to date.
        await DayAsync(lake, 41, "AAA");
        Age(lake);
        var aaaAlone = await DayAsync(lake, 42, "AAA");
        Age(lake);
        var both = await DayAsync(lake, 43);

        // AAA alone needs no whole listing; BBB's bodies of the second and third day lie in folders recorded while it was
        // left out, so it is built from the whole listing — and from them.
        Assert.Equal("since_last", aaaAlone.RawListing);
        Assert.Equal("whole", both.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAA", "BBB");
    }

    [Fact]
    public async Task A_run_stopped_before_its_record_then_a_body_deleted_still_equals_one_build()
    {
        using var lake = await ThreeDaysAsync();
        var record = Path.Combine(lake.Folder, RawListing.IndexKey);
        var before = File.ReadAllBytes(record);
        var stopped = await DayAsync(lake, 43);
        // The run merged both symbols' new bodies into their states, but stopped before its record: the record is the one before it.
        File.WriteAllBytes(record, before);
        Age(lake);
        var landed = Directory.EnumerateFiles(Path.Combine(lake.Folder, LakeLayout.RawRoot), "AAA-*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal) && f.Contains("ingest_date=" + Sessions[43].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Single();
        File.Delete(landed);
        File.Delete(landed[..^".json".Length] + LakeLayout.MetadataSuffix);

        var next = await DayAsync(lake, 44);

        Assert.Equal("since_last", stopped.RawListing);
        // AAA's state holds a body its record does not: it is built from every body, without the deleted one.
        Assert.Equal("whole", next.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[44], "AAA", "BBB");
    }

    [Fact]
    public async Task A_body_landed_in_a_recorded_folder_while_a_run_lists_every_body_is_read_by_the_next_run()
    {
        using var lake = await ThreeDaysAsync();
        // BBB has no state, so the run lists every body for it; just before that listing, a correction of AAA lands
        // under the first day's ingest date, where AAA's merge, made from the record, may not have looked.
        File.Delete(Path.Combine(lake.Folder, StageState.Key(StageLake.Schemas["daily_bar"], Core.Domain.Symbol.Parse("BBB"))));
        foreach (var symbol in new[] { "AAA", "BBB" })
        {
            lake.Land(symbol, Sessions[43], Sessions[38..44], symbol == "AAA" ? 100 : 200);
        }

        var store = new LandingOnWholeListing(lake.Store, () => lake.Land("AAA", Sessions[40], Sessions[36..37], 900, request: "late"));
        var during = (await lake.RunThroughAsync(store, Sessions[43], "AAA", "BBB")).Silver;
        Age(lake);
        var next = (await lake.RunAsync(Sessions[43], "AAA", "BBB")).Silver;

        Assert.Equal((1, "whole"), (store.Landed, during.RawListing));
        Assert.Equal("whole", next.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAA", "BBB");
    }

    [Fact]
    public async Task A_symbol_whose_state_is_gone_is_built_from_every_body()
    {
        using var lake = await ThreeDaysAsync();
        File.Delete(Path.Combine(lake.Folder, StageState.Key(StageLake.Schemas["daily_bar"], Core.Domain.Symbol.Parse("BBB"))));

        var silver = await DayAsync(lake, 43);

        Assert.Equal("whole", silver.RawListing);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAA", "BBB");
    }

    [Fact]
    public async Task Alpha_vantage_and_yahoo_folders_are_listed_and_trusted_apart()
    {
        using var lake = await ThreeDaysAsync();
        // An Alpha Vantage answer for AAA lands under the fourth day: its dataset's first folder.
        DailyStageTests.LandAlphaVantage(lake, "AAA", Sessions[43], Sessions[39..44]);
        var first = (await lake.RunAsync(Sessions[43], "AAA", "BBB")).Silver;
        Age(lake);
        var second = await DayAsync(lake, 44);

        // The Alpha Vantage folder is new (and the Yahoo day before's is read again); then the next Yahoo day's folder and
        // the Alpha Vantage one, which changed moments before the run that recorded it.
        Assert.Equal(("since_last", 2), (first.RawListing, first.RawFoldersListed));
        Assert.Equal(("since_last", 2), (second.RawListing, second.RawFoldersListed));
        await lake.AssertEqualsOneBuildAsync(Sessions[44], "AAA", "BBB");
    }

    [Fact]
    public async Task A_store_without_folder_tokens_lists_every_body_every_run()
    {
        using var lake = new StageLake();
        var store = new WithoutFolders(lake.Store);
        lake.Land("AAA", Sessions[40], Sessions[..41], 100);
        var first = (await lake.RunThroughAsync(store, Sessions[40], "AAA")).Silver;
        lake.Land("AAA", Sessions[41], Sessions[36..42], 100);
        var second = (await lake.RunThroughAsync(store, Sessions[41], "AAA")).Silver;

        Assert.Equal(("whole", "whole"), (first.RawListing, second.RawListing));
        Assert.False(File.Exists(Path.Combine(lake.Folder, RawListing.IndexKey)));
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAA");
    }

    /// <summary>Runs <paramref name="land"/> once, when a listing of a whole raw dataset starts.</summary>
    private sealed class LandingOnWholeListing(IObjectStore inner, Action land) : DelegatingObjectStore(inner)
    {
        public int Landed { get; private set; }

        public override IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken)
        {
            if (prefix == LakeLayout.RawPrefix("yahoo", "chart") && Landed == 0)
            {
                Landed++;
                land();
            }

            return base.ListAsync(prefix, cancellationToken);
        }
    }

    [Fact]
    public async Task A_job_that_named_the_lakes_symbols_processes_them_from_that_same_listing()
    {
        using var lake = await ThreeDaysAsync();
        foreach (var symbol in new[] { "AAA", "BBB" })
        {
            lake.Land(symbol, Sessions[43], Sessions[38..44], symbol == "AAA" ? 100 : 200);
        }

        var counting = new CountingFolderListings(lake.Store);
        var job = new Jobs.Local.LocalSilverJob(lake.NextRun(counting));

        var symbols = await job.RawSymbolsAsync(CancellationToken.None);
        var report = await job.RunAsync(null, null, CancellationToken.None);

        // Each raw dataset's folders were read once, when the symbols were named; the run used that listing.
        Assert.Equal(["AAA", "BBB"], symbols.Select(s => s.Value));
        Assert.Equal(SilverStage.RawPrefixes.Count, counting.FolderListings);
        Assert.Equal(("since_last", 2), (report.RawListing, report.RawFoldersListed));
        await new Jobs.Local.LocalGoldJob(lake.NextRun()).RunAsync(symbols, Sessions[43], null, CancellationToken.None);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAA", "BBB");
    }

    private sealed class CountingFolderListings(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        private int _folderListings;

        public int FolderListings => _folderListings;

        public override Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _folderListings);
            return base.ListFoldersAsync(prefix, cancellationToken);
        }
    }

    private sealed class WithoutFolders(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        public override Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FolderInfo>?>(null);
    }
}
