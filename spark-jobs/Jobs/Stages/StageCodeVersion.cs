using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The version of the code that computes a partition, as part of the partition's state: a build with other code
/// recomputes instead of skipping. It is the module version ids of the jobs and core assemblies (deterministic builds
/// keep them equal for equal source), the names and versions of the assemblies they reference (Parquet.Net among
/// them), and the columns of the tables a stage reads and writes (<c>schemas/</c> is read at run time).
/// </summary>
public static class StageCodeVersion
{
    private static readonly string Assemblies = string.Join(
        "\n",
        new[] { typeof(StageCodeVersion).Assembly, typeof(PartitionStore).Assembly }.Select(Describe));

    /// <summary>A SHA-256 in hex over the code and the columns of <paramref name="tables"/>.</summary>
    public static string Of(params TableSchema[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var text = new StringBuilder(Assemblies);
        foreach (var table in tables)
        {
            text.Append('\n').Append(table.Layer).Append('.').Append(table.Name).Append(':');
            foreach (var field in table.Fields)
            {
                text.Append(' ').Append(field.Name).Append('/').Append(field.BigQueryType).Append('/').Append(field.Required);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Describe(Assembly assembly) =>
        $"{assembly.GetName().Name} {assembly.ManifestModule.ModuleVersionId:N} "
        + string.Join(",", assembly.GetReferencedAssemblies().Select(a => a.FullName).Order(StringComparer.Ordinal));
}
