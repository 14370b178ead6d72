using System.Collections.Concurrent;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.Import;

/// <summary>
/// The classifier of an import: discovery already read every file with the format's reader (for its symbol and
/// dates), so when a file is fetched and its content is still what was read then — the same SHA-256 — that reading
/// judges it instead of a second parse. A file that changed in between, or was never discovered, is read again.
/// Each reading is used once and then dropped, so what is kept is only what discovery found and no fetch has used.
/// </summary>
internal sealed class DiscoveredReadings : IResponseClassifier
{
    private readonly ResponseClassifier _classifier;
    private readonly ConcurrentDictionary<string, (byte[] Sha256, PayloadReading Reading)> _byFile = new(StringComparer.Ordinal);

    public DiscoveredReadings(ResponseClassifier classifier)
    {
        _classifier = classifier;
    }

    /// <summary>Keeps what discovery read in <paramref name="file"/>, whose content has the SHA-256 <paramref name="sha256"/>.</summary>
    public void Remember(string file, byte[] sha256, PayloadReading reading) => _byFile[file] = (sha256, reading);

    public ResponseVerdict Classify(RawRequest request, SourceResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var known = request.Origin is not null
            && _byFile.TryRemove(request.Origin, out var discovered)
            && response.BodySha256().SequenceEqual(discovered.Sha256)
                ? discovered.Reading
                : null;
        return _classifier.Classify(request, response, known);
    }
}
