using System.Globalization;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// The object keys of the lake, identical locally and in GCS:
/// <code>
/// raw/source=&lt;s&gt;/dataset=&lt;d&gt;/ingest_date=YYYY-MM-DD/&lt;symbol&gt;-&lt;request id&gt;.json (+ .meta.json)
/// &lt;layer&gt;/&lt;table&gt;/&lt;partition column&gt;=&lt;value&gt;/part-0.parquet (+ part-1.parquet, the tail a local build and daily runs write)
/// _runs/&lt;run id&gt;/manifest.json
/// _quarantine/&lt;layer&gt;/&lt;table&gt;/run_id=&lt;run id&gt;/rejects.jsonl
/// _changes/&lt;layer&gt;/&lt;table&gt;/run_id=&lt;run id&gt;/part-0.parquet
/// </code>
/// </summary>
public static class LakeLayout
{
    public const string RawRoot = "raw";
    public const string RunsRoot = "_runs";
    public const string QuarantineRoot = "_quarantine";
    public const string ChangesRoot = "_changes";
    public const string MetadataSuffix = ".meta.json";
    public const string PartFileName = "part-0.parquet";

    /// <summary>
    /// The second file a partition may have: its tail, holding every row from a date on while <see cref="PartFileName"/>
    /// holds the rows before it, so that a day's new rows rewrite the tail alone (silver's daily merge, gold's daily write). A reader of a
    /// partition reads both, the base first; together they hold each row once.
    /// </summary>
    public const string TailFileName = "part-1.parquet";

    public static string RawPrefix(string source, string dataset) => $"{RawRoot}/source={source}/dataset={dataset}/";

    public static string RawObject(string source, string dataset, DateOnly ingestDate, string symbol, string requestId) =>
        $"{RawPrefix(source, dataset)}ingest_date={ingestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{ObjectKey.EscapeSegmentValue(symbol)}-{requestId}.json";

    public static string RawMetadata(string rawObjectKey) =>
        rawObjectKey.EndsWith(".json", StringComparison.Ordinal)
            ? rawObjectKey[..^".json".Length] + MetadataSuffix
            : throw new ArgumentException($"'{rawObjectKey}' is not a raw .json object key.", nameof(rawObjectKey));

    public static bool IsRawBody(string key) =>
        key.EndsWith(".json", StringComparison.Ordinal) && !key.EndsWith(MetadataSuffix, StringComparison.Ordinal);

    /// <summary>The ingest date encoded in a raw object key.</summary>
    public static DateOnly IngestDateOf(string rawObjectKey)
    {
        const string marker = "/ingest_date=";
        var start = rawObjectKey.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"'{rawObjectKey}' has no ingest_date segment.", nameof(rawObjectKey));
        }

        start += marker.Length;
        return DateOnly.ParseExact(rawObjectKey.AsSpan(start, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The ingest date a raw object key or an ingest-date folder's prefix encodes; false when it has none.</summary>
    public static bool TryIngestDateOf(string key, out DateOnly ingestDate)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string marker = "/ingest_date=";
        var start = key.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        ingestDate = default;
        return start >= marker.Length
            && key.Length >= start + 10
            && DateOnly.TryParseExact(key.AsSpan(start, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out ingestDate);
    }

    /// <summary>The (unescaped) symbol a raw object key names: the file name up to its last '-'.</summary>
    public static string SymbolOf(string rawObjectKey)
    {
        var file = rawObjectKey[(rawObjectKey.LastIndexOf('/') + 1)..];
        var dash = file.LastIndexOf('-');
        if (dash <= 0)
        {
            throw new ArgumentException($"'{rawObjectKey}' is not named <symbol>-<request id>.json.", nameof(rawObjectKey));
        }

        return Uri.UnescapeDataString(file[..dash]);
    }

    /// <summary>The Parquet file of one partition, beside which daily runs may keep its tail (<see cref="PartitionTail"/>), or of the whole table when it has no lake partition.</summary>
    public static string Partition(TableSchema table, string? partitionValue)
    {
        if (table.LakePartition is null)
        {
            return $"{table.LakePrefix}/{PartFileName}";
        }

        ArgumentException.ThrowIfNullOrEmpty(partitionValue);
        return $"{table.LakePrefix}/{table.LakePartition}={ObjectKey.EscapeSegmentValue(partitionValue)}/{PartFileName}";
    }

    /// <summary>The tail file of one partition (<see cref="TailFileName"/>), beside <see cref="Partition"/>'s file.</summary>
    public static string PartitionTail(TableSchema table, string partitionValue)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.LakePartition is null)
        {
            throw new ArgumentException($"Table '{table.Name}' has no lake partition, so no partition tail.", nameof(table));
        }

        var key = Partition(table, partitionValue);
        return key[..^PartFileName.Length] + TailFileName;
    }

    /// <summary>
    /// The (unescaped) partition value of <paramref name="key"/>, a partition file of <paramref name="table"/>
    /// (<see cref="Partition"/>'s inverse), or null when the key is no such file.
    /// </summary>
    public static string? PartitionValueOf(TableSchema table, string key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var prefix = $"{table.LakePrefix}/{table.LakePartition}=";
        var suffix = "/" + PartFileName;
        if (table.LakePartition is null || !key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var value = key[prefix.Length..^suffix.Length];
        return value.Length == 0 || value.Contains('/', StringComparison.Ordinal) ? null : Uri.UnescapeDataString(value);
    }

    /// <summary>
    /// The (unescaped) partition value of <paramref name="key"/> when it is one of a partition's files of
    /// <paramref name="table"/>, its file (<see cref="PartitionValueOf"/>) or its tail (<see cref="PartitionTail"/>); else null.
    /// </summary>
    public static string? PartitionValueOfFile(TableSchema table, string key) => PartitionValueOf(table, FileOfTail(key) ?? key);

    /// <summary>The partition file beside the tail <paramref name="key"/> (<see cref="TailFileName"/>), or null when the key is no tail.</summary>
    public static string? FileOfTail(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith("/" + TailFileName, StringComparison.Ordinal) ? key[..^TailFileName.Length] + PartFileName : null;
    }

    public static string Manifest(string runId) => $"{RunsRoot}/{runId}/manifest.json";

    public static string RunFolder(string runId) => $"{RunsRoot}/{runId}";

    /// <summary>
    /// A run's change file of a partitioned table: the rows, of every partition the run rewrote with a known change,
    /// from the date on which that partition's change file rows start (gold's <c>GoldChange.Rows</c>).
    /// </summary>
    public static string Changes(TableSchema table, string runId)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return $"{ChangesRoot}/{table.Layer}/{table.Name}/run_id={runId}/{PartFileName}";
    }

    public static string Quarantine(string layer, string table, string runId) =>
        $"{QuarantineRoot}/{layer}/{table}/run_id={runId}/rejects.jsonl";
}
