using System.Globalization;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The host's command line, as Dataproc passes it after DotnetRunner's own arguments:
/// <c>&lt;silver|gold&gt; --lake &lt;gs://bucket or folder&gt; --date yyyy-MM-dd --run-id &lt;id&gt;</c>.
/// </summary>
internal sealed record HostArguments(string Job, string Lake, DateOnly Date, string RunId)
{
    public const string Usage = "usage: StockLakehouse.SparkHost <silver|gold> --lake <gs://bucket | folder> --date yyyy-MM-dd --run-id <id>";

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not (Layers.Silver or Layers.Gold))
        {
            throw new ArgumentException($"The first argument must be the job, silver or gold. {Usage}");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{args[i]}' is not an option followed by a value. {Usage}");
            }

            options[args[i]] = args[i + 1];
        }

        string Required(string name) =>
            options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException($"{name} is required. {Usage}");

        var dateText = Required("--date");
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new ArgumentException($"--date '{dateText}' is not a date in the form yyyy-MM-dd.");
        }

        return new HostArguments(args[0], Required("--lake").TrimEnd('/'), date, Required("--run-id"));
    }
}
