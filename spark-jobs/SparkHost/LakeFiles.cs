using Apache.Arrow;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The rows Spark's <c>binaryFile</c> source hands a grouped-map task (columns <c>path</c> and <c>content</c>)
/// as lake keys and bytes.
/// </summary>
internal static class LakeFiles
{
    public static Dictionary<string, byte[]> Read(RecordBatch input, string root)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = (StringArray)input.Column("path");
        var contents = (BinaryArray)input.Column("content");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < input.Length; i++)
        {
            files[LakeStores.KeyOf(paths.GetString(i), root)] = contents.GetBytes(i).ToArray();
        }

        return files;
    }
}
