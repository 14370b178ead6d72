using System.Text.Json;

namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>
/// Reads the reference vectors that tools/talib-oracle/generate.mjs wrote with TA-Lib into
/// data/fixtures/talib (copied next to the test assembly as fixtures/talib), and compares series.
/// </summary>
internal static class TaLibVectors
{
    /// <summary>Relative: |actual − expected| ≤ Tolerance · |expected| (so an expected 0 must be matched exactly).</summary>
    public const double Tolerance = 1e-9;

    private static readonly Lazy<IReadOnlyDictionary<string, TaLibCase>> _cases = new(LoadAll);

    public static string Folder => FixtureFiles.PathOf("talib");

    public static IReadOnlyDictionary<string, TaLibCase> All => _cases.Value;

    public static TaLibCase Get(string name) => All[name];

    public static void AssertMatches(double[] expected, ReadOnlySpan<double> actual, string label)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var b = expected[i];
            var a = actual[i];
            if (double.IsNaN(b))
            {
                Assert.True(double.IsNaN(a), $"{label}: TA-Lib has no output at index {i} but the kernel wrote {a:R}.");
            }
            else
            {
                Assert.False(double.IsNaN(a), $"{label}: the kernel has no output at index {i} but TA-Lib has {b:R}.");
                Assert.True(
                    Math.Abs(a - b) <= Tolerance * Math.Abs(b),
                    $"{label}: index {i}: kernel {a:R}, TA-Lib {b:R}, difference {a - b:R}.");
            }
        }
    }

    private static Dictionary<string, TaLibCase> LoadAll()
    {
        var files = Directory.GetFiles(Folder, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return files.Select(Load).ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static TaLibCase Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var inputs = root.GetProperty("inputs");
        var calls = root.GetProperty("calls").EnumerateArray().Select(call => new TaLibCall(
            call.GetProperty("function").GetString()!,
            call.GetProperty("options").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetDouble(), StringComparer.Ordinal),
            call.GetProperty("begIndex").ValueKind == JsonValueKind.Null ? null : call.GetProperty("begIndex").GetInt32(),
            call.GetProperty("nbElement").GetInt32(),
            call.GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name, o => Numbers(o.Value), StringComparer.Ordinal))).ToArray();
        var name = root.GetProperty("name").GetString()!;
        Assert.Equal(name + ".json", Path.GetFileName(path));
        return new TaLibCase(name, Numbers(inputs.GetProperty("open")), Numbers(inputs.GetProperty("high")), Numbers(inputs.GetProperty("low")), Numbers(inputs.GetProperty("close")), calls);
    }

    private static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
}
