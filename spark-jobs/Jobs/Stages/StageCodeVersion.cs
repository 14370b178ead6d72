using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The version of the code that computes a partition, as part of the partition's state: a build with other code
/// recomputes instead of skipping. It is the runtime's description, the module version ids of the jobs and core
/// assemblies (deterministic builds keep them equal for equal source) and of the assemblies they reference (Parquet.Net
/// among them: a package update that keeps its assembly version still changes its module version id), and the columns
/// of the tables a stage reads and writes (<c>schemas/</c> is read at run time). Assemblies referenced only further
/// down are not part of it.
/// </summary>
public static class StageCodeVersion
{
    private static readonly string Assemblies = RuntimeInformation.FrameworkDescription + "\n" + string.Join(
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
        + string.Join(",", assembly.GetReferencedAssemblies().Select(Referenced).Order(StringComparer.Ordinal));

    /// <summary>A referenced assembly's full name and module version id; its full name alone when it cannot be loaded.</summary>
    private static string Referenced(AssemblyName name)
    {
        try
        {
            return $"{name.FullName} {Assembly.Load(name).ManifestModule.ModuleVersionId:N}";
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return name.FullName;
        }
    }
}
