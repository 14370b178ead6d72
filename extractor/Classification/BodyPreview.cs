using System.Text;
using StockLakehouse.Extractor.Secrets;

namespace StockLakehouse.Extractor.Classification;

/// <summary>A short, single-line, secret-free excerpt of a body for messages.</summary>
internal static class BodyPreview
{
    private const int MaxChars = 120;

    public static string Of(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxChars * 4)]).ReplaceLineEndings(" ").Trim();
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars] + "…";
        }

        return $"\"{SecretRedactor.RedactUrls(text)}\"";
    }
}
