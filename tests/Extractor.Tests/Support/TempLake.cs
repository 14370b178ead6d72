namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>A lake in a fresh temporary folder (<see cref="TempFolder"/>), deleted afterwards.</summary>
internal sealed class TempLake : IDisposable
{
    private readonly TempFolder _folder = new();

    public TempLake()
    {
        Store = new LocalDirectoryObjectStore(Root);
    }

    public string Root => _folder.Path;

    public LocalDirectoryObjectStore Store { get; }

    public async Task<List<string>> KeysAsync(string prefix = "")
    {
        var keys = new List<string>();
        await foreach (var info in Store.ListAsync(prefix, default))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    public async Task<List<string>> RawBodiesAsync() =>
        (await KeysAsync("raw/")).Where(k => !k.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal)).ToList();

    /// <summary>Every byte of every file in the lake, staging files included.</summary>
    public IEnumerable<(string Path, byte[] Bytes)> AllFiles() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f)))
            : [];

    public void Dispose() => _folder.Dispose();
}
