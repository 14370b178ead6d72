using System.Globalization;
using System.Text.Json;
using StockLakehouse.Core.Lake;
using Xunit.Abstractions;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Daily runs equal a full build: seeded random sequences of runs over the simulated market — new sessions, gaps that
/// bring dividends and splits, late corrections (one daily run answered from another market, its
/// days answered again by the next run's lookback), reruns of the same day, symbols appearing and delisting, a run that stopped after
/// extract or after transform followed by the next day's whole run — then every silver and gold partition and every
/// warehouse table is compared with one full build over the same raw objects in a fresh lake and warehouse: the same
/// rows, doubles compared by their bits. A failure names the seed and its steps; the steps are printed as they run.
/// </summary>
public sealed class DailyRunPropertyTests(ITestOutputHelper output) : IDisposable
{
    // Under market seed 5, XOM and NVDA pay dividends, and JPM (2023-02-10) and NVDA (2023-07-31) split after the backfill.
    private static readonly string[] Pool = ["XOM", "JPM", "NVDA", "AAPL", "KO", "PLD", "NEE", "C"];
    private static readonly int[] SeedValues = [11, 23, 29];
    private static readonly DateOnly Start = new(2022, 1, 3);
    private const int MarketSeed = 5;
    private const int CorrectingMarketSeed = 6;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public static TheoryData<int> Seeds => new(SeedValues);

    private enum StepKind
    {
        Backfill,
        Daily,
        Gap,
        Correct,
        Rerun,
        List,
        Delist,
        StopAfterExtract,
        StopAfterTransform,
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_sequence_of_daily_runs_equals_one_full_build_over_the_same_raw_objects(int seed)
    {
        var daily = Path.Combine(_folder, "daily");
        var steps = Plan(seed);
        await RunAsync(seed, daily, steps);
        var end = steps[^1].End;

        var full = Path.Combine(_folder, "full");
        LakeTables.CopyFolder(Path.Combine(daily, "lake", "raw"), Path.Combine(full, "lake", "raw"));
        await Succeeds(seed, "full transform", "transform", "--out", full, "--end", Text(end), "--parallelism", "2");
        await Succeeds(seed, "full load", "load", "--out", full);

        var differences = LakeTables.Differences(daily, full).Concat(QuarantineDifferences(daily, full, steps[^1].Symbols)).ToList();
        var sequence = string.Join("; ", steps.Select(s => s.Describe()));
        Assert.True(differences.Count == 0, $"Seed {seed}: after {sequence}, the daily lake and warehouse differ from a full build:\n{string.Join("\n", differences.Take(20))}");
        var landedByDailyRuns = Directory.EnumerateFiles(Path.Combine(daily, "lake", "raw"), "*.json", SearchOption.AllDirectories)
            .Where(f => LakeLayout.IsRawBody(f) && string.CompareOrdinal(Path.GetFileName(Path.GetDirectoryName(f)), "ingest_date=" + Text(steps[0].End)) > 0)
            .Select(File.ReadAllText)
            .ToArray();
        Assert.True(landedByDailyRuns.Any(b => b.Contains("\"splits\"", StringComparison.Ordinal)), $"Seed {seed}: no split arrived in a daily run ({sequence}).");
        Assert.True(landedByDailyRuns.Any(b => b.Contains("\"dividends\"", StringComparison.Ordinal)), $"Seed {seed}: no dividend arrived in a daily run ({sequence}).");
        // ... and silver merges that read and rewrote a partition's tail alone (SilverTailTests), gold reading file and tail.
        Assert.True(StageDetail(daily, "silver", "tails_rewritten_alone") > 0, $"Seed {seed}: no daily silver merge rewrote a tail alone ({sequence}).");
        // ... and gold writes of the fact partitions' tails alone, the rows before them kept in the files (GoldTailTests).
        Assert.True(StageDetail(daily, "gold", "tails_rewritten_alone") > 0, $"Seed {seed}: no daily gold computation wrote its tails alone ({sequence}).");
        // ... and computed some from silver's tail and the state it kept of the rows before them, without silver's file.
        Assert.True(StageDetail(daily, "gold", "symbols_resumed") > 0, $"Seed {seed}: no daily gold computation resumed from its kept state ({sequence}).");
        // ... and silver runs that listed only the raw folders that changed since the run before recorded them (RawListing).
        Assert.True(SilverListings(daily, "since_last") > 0, $"Seed {seed}: no daily silver run listed only what landed since the last ({sequence}).");
        // The equality above covers loads that merged only the rows from gold's change date on, not just whole partitions.
        Assert.True(LoadedPartitions(daily, "partitions_from_a_date") > 0, $"Seed {seed}: no daily load merged a partition from a date on ({sequence}).");
        // ... and loads that read those rows from gold's change files rather than from the partition files.
        Assert.True(LoadedPartitions(daily, "partitions_from_change_files") > 0, $"Seed {seed}: no daily load read a partition's changed rows from a change file ({sequence}).");
    }

    /// <summary>The sum of <paramref name="detail"/>, a count, over the <paramref name="stage"/> stages of the runs' manifests.</summary>
    private static long StageDetail(string folder, string stage, string detail) =>
        Directory.EnumerateFiles(Path.Combine(folder, "lake", LakeLayout.RunsRoot), "manifest.json", SearchOption.AllDirectories)
            .Select(file => JsonDocument.Parse(File.ReadAllBytes(file)))
            .Sum(manifest =>
            {
                using (manifest)
                {
                    return manifest.RootElement.GetProperty("stages").EnumerateArray()
                        .Where(s => s.GetProperty("stage").GetString() == stage && s.GetProperty("details").TryGetProperty(detail, out _))
                        .Sum(s => s.GetProperty("details").GetProperty(detail).GetInt64());
                }
            });

    /// <summary>How many silver stages of the runs' manifests listed the raw bodies as <paramref name="how"/> ("since_last" or "whole").</summary>
    private static int SilverListings(string folder, string how) =>
        Directory.EnumerateFiles(Path.Combine(folder, "lake", LakeLayout.RunsRoot), "manifest.json", SearchOption.AllDirectories)
            .Select(file => JsonDocument.Parse(File.ReadAllBytes(file)))
            .Sum(manifest =>
            {
                using (manifest)
                {
                    return manifest.RootElement.GetProperty("stages").EnumerateArray()
                        .Count(s => s.GetProperty("stage").GetString() == "silver" && s.GetProperty("details").TryGetProperty("raw_listing", out var listing) && listing.GetString() == how);
                }
            });

    /// <summary>
    /// How many partitions the runs' loads counted under <paramref name="detail"/> (merged only from a date on, or read
    /// from change files), from the load stages of their manifests.
    /// </summary>
    private static long LoadedPartitions(string folder, string detail)
    {
        long loaded = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "lake", LakeLayout.RunsRoot), "manifest.json", SearchOption.AllDirectories))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var stage in manifest.RootElement.GetProperty("stages").EnumerateArray().Where(s => s.GetProperty("stage").GetString() == "load"))
            {
                loaded += stage.GetProperty("details").EnumerateObject()
                    .Where(table => table.Value.ValueKind == JsonValueKind.Object && table.Value.TryGetProperty(detail, out var count) && count.ValueKind == JsonValueKind.Number)
                    .Sum(table => table.Value.GetProperty(detail).GetInt64());
            }
        }

        return loaded;
    }

    [Fact]
    public void The_seeded_sequences_hold_every_kind_of_step()
    {
        var kinds = SeedValues.SelectMany(Plan).Select(s => s.Kind).ToHashSet();

        Assert.Superset(Enum.GetValues<StepKind>().ToHashSet(), kinds);
    }

    /// <summary>
    /// A seed's sequence: a backfill ending in early 2023, six random steps, a gap of at least 45 days (so a split lands
    /// in a daily run), and a whole daily run last.
    /// </summary>
    private static List<Step> Plan(int seed)
    {
        var random = new Random(seed);
        var active = Pool.Take(3).ToList();
        var waiting = Pool.Skip(3).ToList();
        var end = Start.AddDays(365 + random.Next(30));
        var steps = new List<Step> { new(StepKind.Backfill, end, [.. active], MarketSeed) };
        for (var i = 0; i < 6; i++)
        {
            var kind = (StepKind)random.Next((int)StepKind.Daily, (int)StepKind.StopAfterTransform + 1);
            switch (kind)
            {
                case StepKind.Gap:
                    end = end.AddDays(45 + random.Next(150));
                    break;
                case StepKind.Correct:
                    end = end.AddDays(1 + random.Next(3));
                    break;
                case StepKind.Rerun:
                    break;
                case StepKind.List when waiting.Count > 0:
                    active.Add(waiting[0]);
                    waiting.RemoveAt(0);
                    end = end.AddDays(1 + random.Next(4));
                    break;
                case StepKind.Delist when active.Count > 1:
                    active.RemoveAt(random.Next(active.Count));
                    end = end.AddDays(1 + random.Next(4));
                    break;
                case StepKind.StopAfterExtract or StepKind.StopAfterTransform:
                    end = end.AddDays(1 + random.Next(10));
                    break;
                default:
                    kind = StepKind.Daily;
                    end = end.AddDays(1 + random.Next(4));
                    break;
            }

            // A correction answers from another market for one run; the next run's lookback fetches those days again.
            steps.Add(new Step(kind, end, [.. active], kind == StepKind.Correct ? CorrectingMarketSeed : MarketSeed));
        }

        end = end.AddDays(45 + random.Next(150));
        steps.Add(new Step(StepKind.Gap, end, [.. active], MarketSeed));
        steps.Add(new Step(StepKind.Daily, end.AddDays(1 + random.Next(3)), [.. active], MarketSeed));
        return steps;
    }

    private async Task RunAsync(int seed, string folder, IReadOnlyList<Step> steps)
    {
        foreach (var step in steps)
        {
            output.WriteLine($"seed {seed}: {step.Describe()}");
            AgeRawFolders(folder);
            var symbols = string.Join(",", step.Symbols);
            string[] common = ["--out", folder, "--symbols", symbols, "--start", Text(Start), "--end", Text(step.End), "--seed", step.Market.ToString(CultureInfo.InvariantCulture), "--parallelism", "2"];
            string[] args = step.Kind switch
            {
                StepKind.Backfill => ["run", .. common],
                StepKind.StopAfterExtract or StepKind.StopAfterTransform => ["extract", .. common, "--mode", "daily"],
                _ => ["run", .. common, "--mode", "daily"],
            };
            await Succeeds(seed, step.Describe(), args);
            if (step.Kind == StepKind.StopAfterTransform)
            {
                await Succeeds(seed, step.Describe(), "transform", "--out", folder, "--symbols", symbols, "--end", Text(step.End), "--parallelism", "2");
            }
        }
    }

    /// <summary>
    /// Dates the last change of every raw folder changed in the last minutes back by ten minutes, as the hours between
    /// daily runs would: silver trusts a folder unchanged since it recorded it only when the folder had not changed in the
    /// minute before (RawListing.Settle), and these runs follow each other within seconds. Each change keeps a time of its
    /// own, so a folder a step lands in again never gets back a token already recorded.
    /// </summary>
    private static void AgeRawFolders(string folder)
    {
        var raw = Path.Combine(folder, "lake", LakeLayout.RawRoot);
        if (!Directory.Exists(raw))
        {
            return;
        }

        foreach (var ingest in Directory.EnumerateDirectories(raw, "ingest_date=*", SearchOption.AllDirectories))
        {
            var changed = Directory.GetLastWriteTimeUtc(ingest);
            if (changed > DateTime.UtcNow.AddMinutes(-5))
            {
                Directory.SetLastWriteTimeUtc(ingest, changed.AddMinutes(-10));
            }
        }
    }

    /// <summary>
    /// The last daily run's silver and gold quarantine against the full build's, restricted to the symbols that run
    /// covered: a symbol skipped or merged because its inputs did not change still has every reject a full build finds.
    /// </summary>
    private static IEnumerable<string> QuarantineDifferences(string daily, string full, IReadOnlyList<string> symbols)
    {
        var lastDaily = LastRunId(daily);
        foreach (var (layer, table) in new[] { ("silver", "daily_bar"), ("gold", "fact_stock_price") })
        {
            var fullRuns = Path.Combine(full, "lake", LakeLayout.QuarantineRoot, layer, table);
            var fullLines = Directory.Exists(fullRuns)
                ? Directory.EnumerateFiles(fullRuns, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadAllLines)
                : [];
            var expected = fullLines.Where(line => symbols.Contains(Field(line, "symbol"))).ToArray();
            var dailyFile = Path.Combine(daily, "lake", LakeLayout.Quarantine(layer, table, lastDaily));
            var actual = File.Exists(dailyFile) ? File.ReadAllLines(dailyFile) : [];
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                yield return $"the last daily run's {layer}/{table} quarantine ({actual.Length} rejects) differs from the full build's for its symbols ({expected.Length}): first only in the full build: {expected.Except(actual).FirstOrDefault()}; first only in the daily run: {actual.Except(expected).FirstOrDefault()}";
            }
        }
    }

    /// <summary>The run id of the run that started last, from the manifests.</summary>
    private static string LastRunId(string folder) =>
        Directory.EnumerateFiles(Path.Combine(folder, "lake", LakeLayout.RunsRoot), "manifest.json", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .MaxBy(manifest => DateTimeOffset.Parse(Field(manifest, "started_at"), CultureInfo.InvariantCulture))
            is { } last ? Field(last, "run_id") : throw new InvalidOperationException($"No run wrote a manifest in {folder}.");

    private static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetString() ?? "";
    }

    private static async Task Succeeds(int seed, string what, params string[] args)
    {
        var (code, text, error) = await CliRunner.RunAsync(args);
        Assert.True(code == ExitCodes.Success, $"Seed {seed}: {what} ({string.Join(' ', args)}) exited {code}:\n{error}\n{text}");
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Step(StepKind Kind, DateOnly End, IReadOnlyList<string> Symbols, int Market)
    {
        public string Describe() => $"{Kind} to {Text(End)} [{string.Join(",", Symbols)}] market seed {Market}";
    }
}
