namespace StockLakehouse.Core.Payloads;

/// <summary>What every reader of a response body skips before the first meaningful byte.</summary>
public static class PayloadBytes
{
    /// <summary>
    /// Returns <paramref name="body"/> without a leading UTF-8 byte order mark and without the spaces, tabs and
    /// line breaks before its first character, so a reader can look at that character to tell JSON from HTML or CSV.
    /// </summary>
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return body[i..];
    }
}
