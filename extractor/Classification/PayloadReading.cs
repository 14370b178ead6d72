using System.Diagnostics.CodeAnalysis;

namespace StockLakehouse.Extractor.Classification;

/// <summary>The result of reading a body: a summary when it is in the format, or the verdict saying why it is not.</summary>
internal sealed class PayloadReading
{
    private PayloadReading(PayloadSummary? summary, ResponseVerdict? rejection)
    {
        Summary = summary;
        Rejection = rejection;
    }

    public PayloadSummary? Summary { get; }

    public ResponseVerdict? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Summary))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsReadable => Summary is not null;

    public static PayloadReading Readable(PayloadSummary summary) => new(summary, null);

    public static PayloadReading Rejected(RequestOutcome outcome, string detail) => new(null, new ResponseVerdict(outcome, detail));

    public static PayloadReading Rejected(ResponseVerdict verdict) => new(null, verdict);
}
