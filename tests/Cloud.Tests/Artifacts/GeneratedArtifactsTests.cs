using StockLakehouse.Cloud.Artifacts;

namespace StockLakehouse.Cloud.Tests.Artifacts;

/// <summary>The committed dags/generated must be exactly what the generator makes from today's schemas/: drift fails here, not in Composer.</summary>
public sealed class GeneratedArtifactsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Generate_FromTodaysSchemas_MatchesTheCommittedDagsGenerated()
    {
        var committed = Path.Combine(RepositoryRoot.Find(), "dags", "generated");
        await ArtifactWriter.WriteAsync(_folder.Path, ArtifactGenerator.Generate(Catalogs.Schemas, Catalogs.Marts), CancellationToken.None);

        var expected = Files(_folder.Path);
        var actual = Files(committed);

        var advice = "dags/generated is out of date with schemas/; run `make artifacts` and commit the result.";
        Assert.True(expected.Keys.SequenceEqual(actual.Keys), $"{advice} Missing: [{string.Join(", ", expected.Keys.Except(actual.Keys))}]; unexpected: [{string.Join(", ", actual.Keys.Except(expected.Keys))}].");
        foreach (var (file, content) in expected)
        {
            Assert.True(content == actual[file], $"{advice} {file} differs.");
        }
    }

    public void Dispose() => _folder.Dispose();

    private static SortedDictionary<string, string> Files(string root) =>
        new(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText),
            StringComparer.Ordinal);
}
