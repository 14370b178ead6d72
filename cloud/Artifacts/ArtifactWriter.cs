namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// Writes generated files into a folder and removes files the generator no longer produces from the folders
/// it owns (<c>bigquery/</c>, <c>dataproc/</c>), so a renamed table does not leave a stale template behind.
/// Files elsewhere in the folder are never touched.
/// </summary>
public static class ArtifactWriter
{
    public static readonly IReadOnlyList<string> OwnedFolders = ["bigquery", "dataproc"];

    /// <summary>Writes <paramref name="files"/>; returns the relative paths of the stale files it removed.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, IReadOnlyList<GeneratedFile> files, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
        }

        var wanted = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var owned in OwnedFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(owned, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (!wanted.Contains(relative))
                {
                    File.Delete(path);
                    removed.Add(relative);
                }
            }
        }

        return removed;
    }
}
