using System.Text;
using StockLakehouse.Core.Payloads;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Reads CSV bodies with a header row that must name <see cref="RequiredColumns"/>. A source that reports its
/// errors as JSON (Alpha Vantage's LISTING_STATUS) passes its message rules, so a JSON body is classified as
/// that source's message rather than as bad CSV.
/// </summary>
internal sealed class CsvReader : IPayloadReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly AlphaVantageMessages? _jsonMessages;

    public CsvReader(string formatName, IReadOnlyList<string> requiredColumns, AlphaVantageMessages? jsonMessages)
    {
        FormatName = formatName;
        RequiredColumns = requiredColumns;
        _jsonMessages = jsonMessages;
    }

    public string FormatName { get; }

    public IReadOnlyList<string> RequiredColumns { get; }

    public PayloadReading Read(ReadOnlySpan<byte> body)
    {
        var trimmed = PayloadBytes.TrimStart(body);
        if (trimmed.IsEmpty)
        {
            return PayloadReading.Rejected(RequestOutcome.WrongFormat, "The body is empty.");
        }

        if (trimmed[0] == (byte)'<')
        {
            return PayloadReading.Rejected(RequestOutcome.WrongFormat, $"The body is an HTML or XML page, not CSV: {BodyPreview.Of(trimmed)}.");
        }

        if (trimmed[0] == (byte)'{')
        {
            return ReadJsonMessage(trimmed);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(trimmed);
        }
        catch (DecoderFallbackException e)
        {
            return PayloadReading.Rejected(RequestOutcome.Malformed, $"The CSV is not valid UTF-8: {e.Message}");
        }

        CsvTable table;
        try
        {
            table = CsvTable.Parse(text, "the body");
        }
        catch (InvalidDataException e)
        {
            return PayloadReading.Rejected(RequestOutcome.Malformed, $"The CSV is malformed or truncated: {e.Message}");
        }

        var missing = RequiredColumns.Where(c => table.OptionalColumn(c) is null).ToArray();
        return missing.Length > 0
            ? PayloadReading.Rejected(
                RequestOutcome.UnexpectedContent,
                $"The CSV header is '{string.Join(",", table.Header)}'; it lacks {string.Join(", ", missing)}.")
            : PayloadReading.Readable(new PayloadSummary(null, table.Rows.Count, []));
    }

    private PayloadReading ReadJsonMessage(ReadOnlySpan<byte> body)
    {
        if (_jsonMessages is null)
        {
            return PayloadReading.Rejected(RequestOutcome.WrongFormat, $"The body is JSON, not CSV: {BodyPreview.Of(body)}.");
        }

        if (!JsonBodies.TryParseObject(body, out var document, out var rejection))
        {
            return rejection;
        }

        using (document)
        {
            return _jsonMessages.Classify(document.RootElement) is { } message
                ? PayloadReading.Rejected(message)
                : PayloadReading.Rejected(RequestOutcome.UnexpectedContent, $"The body is JSON but no known message: {BodyPreview.Of(body)}.");
        }
    }
}
