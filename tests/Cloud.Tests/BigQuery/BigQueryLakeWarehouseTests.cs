using System.Net;
using System.Text.Json.Nodes;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Tests.Support;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Tests.BigQuery;

/// <summary>
/// Which partition files deploy's BigQuery load stages, judged by the requests it sends: the lake bucket is listed
/// through Google.Cloud.Storage.V1 (<see cref="LakeBucket"/>, MD5 fingerprints), the warehouse's record of loaded
/// partitions is what BigQuery answers to the load_partitions query, and every other call is answered as
/// <see cref="ServingCloud"/> does.
/// </summary>
public sealed class BigQueryLakeWarehouseTests : IDisposable
{
    private const string Run = "run1";
    private readonly LakeBucket _bucket = new();
    private readonly ScriptedHandler _handler;
    private readonly BigQueryLakeWarehouse _engine;
    private Dictionary<string, string> _recorded = new(StringComparer.Ordinal);
    private Action? _onLoadJob;
    private string? _existingRows;

    public BigQueryLakeWarehouseTests()
    {
        _handler = new ScriptedHandler(Answer);
        _engine = new BigQueryLakeWarehouse(Clients.Warehouse(_handler, new RecordingClock(Clients.Start)), _bucket.Store, Clients.Bucket, Run, Catalogs.Schemas, Catalogs.Marts, Serilog.Core.Logger.None);
        _bucket.Put(Table, "KO", "ko v1");
        _bucket.Put(Table, "PEP", "pep v1");
    }

    private static TableSchema Table => Catalogs.Table("fact_stock_price");

    public void Dispose() => _bucket.Dispose();

    [Fact]
    public async Task LoadAsync_NothingRecorded_StagesEveryPartitionFileByNameAndRecordsEachFingerprint()
    {
        var result = await _engine.LoadAsync(Table, null, CancellationToken.None);

        var load = Assert.Single(LoadJobs());
        Assert.Equal([Uri("KO"), Uri("PEP")], SourceUris(load));
        Assert.Equal("WRITE_TRUNCATE", load["writeDisposition"]!.GetValue<string>());
        var fingerprints = await _bucket.FingerprintsAsync(Table);
        var merge = Assert.Single(MergeScripts());
        Assert.Contains($"('fact_stock_price', 'KO', '{fingerprints["KO"]}')", merge, StringComparison.Ordinal);
        Assert.Contains($"('fact_stock_price', 'PEP', '{fingerprints["PEP"]}')", merge, StringComparison.Ordinal);
        Assert.Equal(ServingCloud.LoadedRows, result.RowsRead);
    }

    [Fact]
    public async Task LoadAsync_UnchangedLake_StagesAndMergesNothing()
    {
        _recorded = await _bucket.FingerprintsAsync(Table);

        var result = await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.DoesNotContain(_handler.Requests, ServingCloud.IsJobInsert);
        Assert.Equal(0L, result.RowsRead);
    }

    [Fact]
    public async Task LoadAsync_OnePartitionRewrittenWithOtherBytes_StagesOnlyItsFileAndRecordsItsNewFingerprint()
    {
        _recorded = await _bucket.FingerprintsAsync(Table);
        _bucket.Put(Table, "KO", "ko v2");
        _bucket.Put(Table, "PEP", "pep v1"); // rewritten with the same bytes: a new generation, the same MD5
        var ko = (await _bucket.FingerprintsAsync(Table))["KO"];

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.Equal([Uri("KO")], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("CREATE TEMP TABLE `staged_partitions_fact_stock_price` AS\nSELECT `symbol` FROM UNNEST(ARRAY<STRING>['KO']) AS `symbol`;", merge, StringComparison.Ordinal);
        Assert.Contains($"VALUES\n  ('fact_stock_price', 'KO', '{ko}');", merge, StringComparison.Ordinal);
        Assert.Contains("MERGE INTO `stock-lakehouse-test.lakehouse.fact_stock_price`", merge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)] // missing, so created by this load (a table dropped and created again)
    [InlineData("0")] // found in place holding no rows
    public async Task LoadAsync_EmptyTargetDespiteRecordsOfEveryFile_StagesEveryFileAndReplacesTheRecords(string? existingRows)
    {
        _recorded = await _bucket.FingerprintsAsync(Table);
        _existingRows = existingRows;
        await _engine.EnsureTableAsync(Table, CancellationToken.None);

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.Equal([Uri("KO"), Uri("PEP")], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("DELETE FROM `stock-lakehouse-test.lakehouse.load_partitions` WHERE `table_name` = 'fact_stock_price';", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("`partition_value` IN (", merge, StringComparison.Ordinal);
        foreach (var (symbol, fingerprint) in _recorded)
        {
            Assert.Contains($"('fact_stock_price', '{symbol}', '{fingerprint}')", merge, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LoadAsync_ExistingTableWithRowsAndRecords_StagesNothing()
    {
        _recorded = await _bucket.FingerprintsAsync(Table);
        _existingRows = "2";
        await _engine.EnsureTableAsync(Table, CancellationToken.None);

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.DoesNotContain(_handler.Requests, ServingCloud.IsJobInsert);
    }

    [Fact]
    public async Task LoadAsync_PartitionLeftTheLake_DeletesItsRowsAndRecordWithoutStagingAnything()
    {
        _recorded = await _bucket.FingerprintsAsync(Table);
        _bucket.Put(Table, "XOM", "xom v1");
        _recorded["XOM"] = (await _bucket.FingerprintsAsync(Table))["XOM"];
        _bucket.Remove(Table, "XOM");

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.Empty(LoadJobs());
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("SELECT `symbol` FROM UNNEST(ARRAY<STRING>['KO', 'PEP']) AS `symbol`;", merge, StringComparison.Ordinal);
        Assert.Contains("WHERE t.`symbol` NOT IN (SELECT `symbol` FROM `lake_partitions_fact_stock_price`);", merge, StringComparison.Ordinal);
        Assert.Contains("DELETE FROM `stock-lakehouse-test.lakehouse.load_partitions` WHERE `table_name` = 'fact_stock_price' AND `partition_value` NOT IN (SELECT `symbol` FROM `lake_partitions_fact_stock_price`);", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("MERGE INTO", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("fact_stock_price_staging_run1`", merge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MoreChangedFilesThanOneJobTakes_StagesThemInBatchesTheLaterAppending()
    {
        for (var i = 0; i < BigQueryLoadJob.MaxSourceUris - 1; i++)
        {
            _bucket.Put(Table, $"S{i:D5}", $"s{i}");
        }

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        var loads = LoadJobs();
        Assert.Equal(2, loads.Length);
        Assert.Equal(BigQueryLoadJob.MaxSourceUris, SourceUris(loads[0]).Length);
        Assert.Equal("WRITE_TRUNCATE", loads[0]["writeDisposition"]!.GetValue<string>());
        Assert.Equal([Uri("S09998")], SourceUris(loads[1]));
        Assert.Equal("WRITE_APPEND", loads[1]["writeDisposition"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoadAsync_PartitionWithATail_StagesItsFileAndTailAndRecordsTheirFingerprintsJoined()
    {
        _recorded = await _bucket.FingerprintsAsync(Table);
        _bucket.PutTail(Table, "KO", "ko tail");
        var listed = await _bucket.ListedAsync(Table);
        var ko = listed[LakeLayout.Partition(Table, "KO")] + "+" + listed[LakeLayout.PartitionTail(Table, "KO")];

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        // The tail changed KO's fingerprint: KO is staged with both of its files, PEP not at all.
        Assert.Equal([Uri("KO"), $"gs://{Clients.Bucket}/{LakeLayout.PartitionTail(Table, "KO")}"], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("SELECT `symbol` FROM UNNEST(ARRAY<STRING>['KO']) AS `symbol`;", merge, StringComparison.Ordinal);
        Assert.Contains($"VALUES\n  ('fact_stock_price', 'KO', '{ko}');", merge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_PartitionWithATailAsRecorded_StagesNothing()
    {
        _bucket.PutTail(Table, "KO", "ko tail");
        var listed = await _bucket.ListedAsync(Table);
        _recorded = await _bucket.FingerprintsAsync(Table);
        _recorded["KO"] = listed[LakeLayout.Partition(Table, "KO")] + "+" + listed[LakeLayout.PartitionTail(Table, "KO")];

        await _engine.LoadAsync(Table, null, CancellationToken.None);

        Assert.DoesNotContain(_handler.Requests, ServingCloud.IsJobInsert);
    }

    /// <summary>
    /// KO's files are known to differ from those whose fingerprint the warehouse recorded only from 2025-01-06, after its
    /// tail's first date: KO is staged from its tail alone, merged from that date on, and recorded under the writer's
    /// fingerprint; PEP, known and recorded as it is, is not staged though its MD5 is not what was recorded.
    /// </summary>
    [Fact]
    public async Task LoadAsync_KnownChangeFromTheRecordedFiles_StagesTheTailAloneAndMergesFromItsDate()
    {
        var known = KoChangedSince(new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 2));

        await Engine(known).LoadAsync(Table, null, CancellationToken.None);

        Assert.Equal([$"gs://{Clients.Bucket}/{LakeLayout.PartitionTail(Table, "KO")}"], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("t.`trade_date` >= DATE '2025-01-06'", merge, StringComparison.Ordinal);
        Assert.Contains("VALUES\n  ('fact_stock_price', 'KO', 'gold:ko2');", merge, StringComparison.Ordinal);
        // Before merging, the script checks that KO's record is still the gold:ko1 the bound rests on.
        var recorded = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("KO:gold:ko1"u8));
        Assert.Contains($"IS DISTINCT FROM '{recorded}' THEN ERROR(", merge, StringComparison.Ordinal);
        Assert.True(merge.IndexOf("THEN ERROR(", StringComparison.Ordinal) < merge.IndexOf("MERGE INTO", StringComparison.Ordinal));
    }

    /// <summary>
    /// KO's tail is rewritten in the bucket while the load job stages it (a Spark batch writing gold meanwhile): the
    /// bound no longer rests on the files checked, so the load stops before its merge, naming the file.
    /// </summary>
    [Fact]
    public async Task LoadAsync_ABoundedPartitionsFileChangedWhileStaged_StopsBeforeTheMerge()
    {
        var known = KoChangedSince(new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 2));
        _onLoadJob = () => _bucket.PutTail(Table, "KO", "ko tail rewritten");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Engine(known).LoadAsync(Table, null, CancellationToken.None));

        Assert.Contains(LakeLayout.PartitionTail(Table, "KO"), failure.Message, StringComparison.Ordinal);
        Assert.Single(LoadJobs());
        Assert.Empty(MergeScripts());
    }

    /// <summary>
    /// A known change from files the warehouse did not record (it loaded others, or missed a load) is no bound: KO is
    /// staged with both its files and merged whole, and recorded under the writer's fingerprint. A change starting before
    /// the tail is bounded but staged with every file.
    /// </summary>
    [Theory]
    [InlineData("gold:other", "2025-01-06", "2025-01-02", false)]
    [InlineData("gold:ko1", "2024-12-30", "2025-01-02", true)]
    public async Task LoadAsync_KnownChangeNotFromTheRecordedFilesOrNotWhollyInTheTail_StagesEveryFile(string recorded, string since, string tailFrom, bool bounded)
    {
        var known = KoChangedSince(DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(tailFrom, System.Globalization.CultureInfo.InvariantCulture));
        _recorded["KO"] = recorded;

        await Engine(known).LoadAsync(Table, null, CancellationToken.None);

        Assert.Equal([Uri("KO"), $"gs://{Clients.Bucket}/{LakeLayout.PartitionTail(Table, "KO")}"], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Equal(bounded, merge.Contains("t.`trade_date` >= DATE", StringComparison.Ordinal));
        Assert.Equal(bounded, merge.Contains($"t.`trade_date` >= DATE '{since}'", StringComparison.Ordinal));
        Assert.Contains("VALUES\n  ('fact_stock_price', 'KO', 'gold:ko2');", merge, StringComparison.Ordinal);
    }

    /// <summary>
    /// PEP's change starts on 2025-01-02, in KO's month, so their batch merges from then on, before KO's tail starts
    /// (2025-01-05): KO is staged with both its files though its own change lies in its tail.
    /// </summary>
    [Fact]
    public async Task LoadAsync_ABatchStartingBeforeAPartitionsTail_StagesItsEveryFile()
    {
        _bucket.PutTail(Table, "KO", "ko tail");
        _recorded = new Dictionary<string, string>(StringComparer.Ordinal) { ["KO"] = "gold:ko1", ["PEP"] = "gold:pep1" };
        var known = new Known(
            ("KO", new KnownPartition("gold:ko2", new PartitionChange("gold:ko1", new DateOnly(2025, 1, 6))) { TailFrom = new DateOnly(2025, 1, 5) }),
            ("PEP", new KnownPartition("gold:pep2", new PartitionChange("gold:pep1", new DateOnly(2025, 1, 2)))));

        await Engine(known).LoadAsync(Table, null, CancellationToken.None);

        Assert.Equal([Uri("KO"), $"gs://{Clients.Bucket}/{LakeLayout.PartitionTail(Table, "KO")}", Uri("PEP")], SourceUris(Assert.Single(LoadJobs())));
        var merge = Assert.Single(MergeScripts());
        Assert.Contains("t.`trade_date` >= DATE '2025-01-02'", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("t.`trade_date` >= DATE '2025-01-06'", merge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NoPartitionFiles_FailsNamingTheTable()
    {
        _bucket.Remove(Table, "KO");
        _bucket.Remove(Table, "PEP");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.LoadAsync(Table, null, CancellationToken.None));

        Assert.Contains("fact_stock_price", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_handler.Requests, ServingCloud.IsJobInsert);
    }

    /// <summary>
    /// KO with a tail, recorded as gold:ko1 and known as gold:ko2, changed from gold:ko1 only from <paramref name="since"/>,
    /// its tail starting on <paramref name="tailFrom"/>; PEP known and recorded as gold:pep1.
    /// </summary>
    private Known KoChangedSince(DateOnly since, DateOnly tailFrom)
    {
        _bucket.PutTail(Table, "KO", "ko tail");
        _recorded = new Dictionary<string, string>(StringComparer.Ordinal) { ["KO"] = "gold:ko1", ["PEP"] = "gold:pep1" };
        return new Known(
            ("KO", new KnownPartition("gold:ko2", new PartitionChange("gold:ko1", since)) { TailFrom = tailFrom }),
            ("PEP", new KnownPartition("gold:pep1")));
    }

    private BigQueryLakeWarehouse Engine(IPartitionFingerprintSource known) =>
        new(Clients.Warehouse(_handler, new RecordingClock(Clients.Start)), _bucket.Store, Clients.Bucket, Run, Catalogs.Schemas, Catalogs.Marts, Serilog.Core.Logger.None, known);

    /// <summary>A writer's knowledge of the partitions, as given.</summary>
    private sealed class Known(params (string Value, KnownPartition Partition)[] partitions) : IPartitionFingerprintSource
    {
        public Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, KnownPartition>>(partitions.ToDictionary(p => p.Value, p => p.Partition, StringComparer.Ordinal));
    }

    private static string Uri(string symbol) => $"gs://{Clients.Bucket}/{LakeLayout.Partition(Table, symbol)}";

    private static string[] SourceUris(JsonObject load) => [.. load["sourceUris"]!.AsArray().Select(u => u!.GetValue<string>())];

    private JsonObject[] LoadJobs() =>
        [.. _handler.Requests.Where(ServingCloud.IsJobInsert).Select(r => r.Json["configuration"]!["load"]).OfType<JsonObject>()];

    private string[] MergeScripts() =>
        [.. ServingCloud.QueryStatements(_handler.Requests).Where(q => q.Contains("BEGIN TRANSACTION", StringComparison.Ordinal))];

    /// <summary>
    /// The load_partitions query answered with <see cref="_recorded"/>; the table, when <see cref="_existingRows"/> is
    /// set, found in place holding that many rows; everything else as <see cref="ServingCloud"/>.
    /// </summary>
    private (HttpStatusCode, string) Answer(ReceivedRequest request)
    {
        if (ServingCloud.IsJobInsert(request) && request.Json["configuration"]?["load"] is not null)
        {
            _onLoadJob?.Invoke();
        }

        if (_existingRows is not null && request.Method == HttpMethod.Get && request.Uri.AbsolutePath.EndsWith("/tables/" + Table.Name, StringComparison.Ordinal))
        {
            var resource = BigQueryTableResource.For(Table, new BigQueryDataset(Clients.Project, Clients.Dataset));
            resource["numRows"] = _existingRows;
            return (HttpStatusCode.OK, resource.ToJsonString());
        }

        var query = request.Method == HttpMethod.Post && request.Uri.AbsolutePath.EndsWith("/queries", StringComparison.Ordinal)
            ? request.Json["query"]!.GetValue<string>()
            : null;
        if (query is null || !query.Contains(".load_partitions`", StringComparison.Ordinal))
        {
            return ServingCloud.Answer(request);
        }

        var rows = new JsonArray([.. _recorded.Select(p => (JsonNode)new JsonObject { ["f"] = new JsonArray(new JsonObject { ["v"] = p.Key }, new JsonObject { ["v"] = p.Value }) })]);
        var answer = new JsonObject
        {
            ["kind"] = "bigquery#queryResponse",
            ["schema"] = new JsonObject { ["fields"] = new JsonArray(new JsonObject { ["name"] = "partition_value", ["type"] = "STRING" }, new JsonObject { ["name"] = "fingerprint", ["type"] = "STRING" }) },
            ["jobReference"] = new JsonObject { ["projectId"] = Clients.Project, ["jobId"] = "job_records", ["location"] = Clients.Region },
            ["totalRows"] = _recorded.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["rows"] = rows,
            ["jobComplete"] = true,
        };
        return (HttpStatusCode.OK, answer.ToJsonString());
    }
}
