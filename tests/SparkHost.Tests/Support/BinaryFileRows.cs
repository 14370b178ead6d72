using Apache.Arrow;
using ArrowTypes = Apache.Arrow.Types;

namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>
/// The record batch a grouped-map task receives from <see cref="SparkJobs"/>' queries: Spark's <c>binaryFile</c>
/// rows reduced to the grouping column and the two the UDFs read (<c>group_symbol, path, content</c>), with
/// Spark's nullability (<c>path</c> is never null, <c>content</c> may be) and paths as Spark lists them
/// (<c>file:/…</c> for a local folder, <c>gs://bucket/…</c> for a bucket). The silver query adds the group's
/// file count (<see cref="SilverGroup"/>), a window count, which Spark never makes null.
/// </summary>
internal static class BinaryFileRows
{
    private static readonly Schema Shape = new Schema.Builder()
        .Field(f => f.Name("group_symbol").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("path").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("content").DataType(ArrowTypes.BinaryType.Default).Nullable(true))
        .Build();

    private static readonly Schema SilverShape = new Schema.Builder()
        .Field(f => f.Name("group_symbol").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("path").DataType(ArrowTypes.StringType.Default).Nullable(false))
        .Field(f => f.Name("content").DataType(ArrowTypes.BinaryType.Default).Nullable(true))
        .Field(f => f.Name(SilverPartitionUdf.GroupFilesColumn).DataType(ArrowTypes.Int64Type.Default).Nullable(false))
        .Build();

    /// <summary>
    /// The rows the silver query hands its task: the files, each with the number of files in the whole group —
    /// <paramref name="groupFiles"/>, or the number of <paramref name="files"/> when the batch is the whole group.
    /// </summary>
    public static RecordBatch SilverGroup(string groupSymbol, IReadOnlyList<(string Path, byte[] Content)> files, long? groupFiles = null)
    {
        var batch = Group(groupSymbol, files);
        var counts = new Int64Array.Builder();
        for (var i = 0; i < batch.Length; i++)
        {
            counts.Append(groupFiles ?? files.Count);
        }

        return new RecordBatch(SilverShape, [.. batch.Arrays, counts.Build()], batch.Length);
    }

    public static RecordBatch Group(string groupSymbol, IEnumerable<(string Path, byte[] Content)> files)
    {
        var group = new StringArray.Builder();
        var paths = new StringArray.Builder();
        var contents = new BinaryArray.Builder();
        var rows = 0;
        foreach (var (path, content) in files)
        {
            group.Append(groupSymbol);
            paths.Append(path);
            contents.Append(content.AsSpan());
            rows++;
        }

        return new RecordBatch(Shape, [group.Build(), paths.Build(), contents.Build()], rows);
    }

    /// <summary>How Spark names a file of a local lake: a <c>file:</c> URI of its absolute path.</summary>
    public static string LocalPath(string lakeFolder, string key) => "file:" + Path.GetFullPath(Path.Combine(lakeFolder, key));
}
