using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Classification;

/// <summary>Decides what an answer to a request is: data to land, or which kind of failure.</summary>
internal interface IResponseClassifier
{
    ResponseVerdict Classify(RawRequest request, SourceResponse response);
}
