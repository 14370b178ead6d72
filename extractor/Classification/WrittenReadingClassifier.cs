using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// The classifier of a chart source: an answer that carries its writer's own reading of its body
/// (<see cref="SourceResponse.Written"/>, the same bytes) is judged from it, every other answer is read as usual. The
/// judgement after the reading is the shared one either way; the simulated market's readings are held equal to the
/// reader's by a test over many windows.
/// </summary>
internal sealed class WrittenReadingClassifier : IResponseClassifier
{
    private readonly ResponseClassifier _classifier;

    public WrittenReadingClassifier(ResponseClassifier classifier)
    {
        _classifier = classifier;
    }

    public ResponseVerdict Classify(RawRequest request, SourceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var written = response.Written is { } reading && ReferenceEquals(reading.Body, response.Body)
            ? PayloadReading.Readable(reading.Summary)
            : null;
        return _classifier.Classify(request, response, written);
    }
}
