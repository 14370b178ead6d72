using System.Buffers;
using System.Security.Cryptography;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.Import;

/// <summary>
/// Lands responses a user already has on disk — a folder (searched recursively) of <c>*.json</c> files, for
/// example a bulk historical download — as if they had just been fetched: each file is one request, judged by
/// the same classifier as a live response, and lands under the live source's name so silver reads it. A file's
/// symbol and dates come from its content (from its name and the range asked when the content is unreadable,
/// so that a bad file is still reported under a recognisable name), and its content hash tells two files apart.
/// With <see cref="Symbols"/>, readable files of other symbols are left out (an unreadable file is always kept, so
/// that it is reported); with <see cref="RequestedFrom"/> or <see cref="RequestedTo"/>, every file is judged against
/// that start or end instead of its own, so its bars outside it are counted and quarantined by silver exactly as a
/// live answer's are.
/// </summary>
internal sealed class ImportSource : IRawSource, IDiscoveringSource
{
    private const string Pattern = "*.json";
    private readonly string _folder;
    private readonly TimeProvider _clock;
    private readonly IPayloadReader _reader;
    private readonly bool _alphaVantage;
    private readonly DiscoveredReadings _readings;

    public ImportSource(string folder, ImportFormat format, TimeProvider clock)
    {
        if (format == ImportFormat.Auto)
        {
            throw new ArgumentException("Resolve ImportFormat.Auto with ImportFormatDetector before building the source.", nameof(format));
        }

        _folder = Path.GetFullPath(folder);
        _clock = clock;
        _alphaVantage = format == ImportFormat.AlphaVantageDaily;
        _reader = _alphaVantage ? new AlphaVantageDailyReader(AlphaVantageMessages.Default) : YahooChartReader.Instance;
        _readings = new DiscoveredReadings(new ResponseClassifier(_reader));
    }

    /// <summary>The symbols whose files are landed (the lake's spelling); every file's when null.</summary>
    public IReadOnlySet<string>? Symbols { get; init; }

    /// <summary>The start each file is requested from (<c>--from</c>); its own first date when null.</summary>
    public DateOnly? RequestedFrom { get; init; }

    /// <summary>The end each file is requested to (<c>--to</c>); its own last date when null.</summary>
    public DateOnly? RequestedTo { get; init; }

    public string Name => _alphaVantage ? LakeNames.AlphaVantage : LakeNames.Yahoo;

    public string Dataset => _alphaVantage ? LakeNames.TimeSeriesDaily : LakeNames.Chart;

    public RawFormat Format => RawFormat.Json;

    public RequestScope Scope => RequestScope.Discovered;

    /// <summary>The shared classification, given the reading discovery made of each file so that a file is parsed once.</summary>
    public IResponseClassifier Classifier => _readings;

    /// <summary>The files an import of <paramref name="folder"/> reads, in ordinal order of their relative paths.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, Pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => Path.GetRelativePath(folder, f), StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Reads every file once, on every core, into a pooled buffer (the files are large and read only to be judged
    /// and hashed here; fetching reads them again), and keeps each reading for the classifier. The requests come
    /// back in the files' order, whatever order they were read in.
    /// </summary>
    public async Task<IReadOnlyList<RawRequest>> DiscoverAsync(DateOnly from, DateOnly to, DateOnly ingestDate, CancellationToken cancellationToken)
    {
        var files = FilesIn(_folder);
        var requests = new RawRequest?[files.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (index, ct) =>
        {
            requests[index] = await DiscoverAsync(files[index], from, to, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return requests.OfType<RawRequest>().ToArray();
    }

    /// <summary>The request for <paramref name="file"/>, or null when it holds another symbol than those asked for.</summary>
    private async Task<RawRequest?> DiscoverAsync(string file, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = checked((int)RandomAccess.GetLength(handle));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var chunk = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, length - read), read, cancellationToken).ConfigureAwait(false);
                if (chunk == 0)
                {
                    throw new IOException($"'{file}' ended after {read} of its {length} bytes while it was being read.");
                }

                read += chunk;
            }

            return Discover(file, buffer.AsSpan(0, length), from, to);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private RawRequest? Discover(string file, ReadOnlySpan<byte> body, DateOnly from, DateOnly to)
    {
        var reading = _reader.Read(body);
        var named = reading.IsReadable ? SymbolOf(reading.Summary.Symbol) : null;
        var subject = named ?? SubjectFromName(file);
        if (Symbols is not null && named is not null && !Symbols.Contains(named))
        {
            return null;
        }

        var dates = reading.IsReadable ? reading.Summary.Dates : [];
        var request = dates.Count > 0
            ? new RawRequest(subject, RequestedFrom ?? dates[0], RequestedTo ?? dates[^1])
            : new RawRequest(subject, RequestedFrom ?? from, RequestedTo ?? to);
        var sha256 = SHA256.HashData(body);
        _readings.Remember(file, sha256, reading);
        return request with { Variant = FileResponses.ContentVariantOfHash(sha256), Origin = file };
    }

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Origin is null
            ? throw new ArgumentException($"The import request for {request.Subject} names no file.", nameof(request))
            : FileResponses.ReadAsync(request.Origin, _clock, cancellationToken);
    }

    /// <summary>The lake's spelling of the symbol a file names (Alpha Vantage's BRK.B is the lake's BRK-B).</summary>
    private string? SymbolOf(string? text)
    {
        var spelled = _alphaVantage ? text?.Replace('.', '-') : text;
        return Symbol.TryParse(spelled, out var symbol) ? symbol.Value : null;
    }

    /// <summary>A subject for an unreadable file: its name as a symbol when it is one, otherwise marked as not a symbol.</summary>
    private string SubjectFromName(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        return SymbolOf(stem) ?? "_" + stem;
    }
}
