namespace StockLakehouse.Extractor.Sources;

/// <summary>A file on disk as a source answer: status 200, a file:// URL, the bytes as they are.</summary>
internal static class FileResponses
{
    public static async Task<SourceResponse> ReadAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var body = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        return new SourceResponse(200, new Uri(full).AbsoluteUri, body, clock.GetUtcNow());
    }

    /// <summary>The first 12 hex digits of the content's SHA-256: tells apart two different files with the same subject and dates.</summary>
    public static string ContentVariant(byte[] body) => ContentVariantOfHash(System.Security.Cryptography.SHA256.HashData(body));

    /// <summary><see cref="ContentVariant"/> from the content's SHA-256 already computed.</summary>
    public static string ContentVariantOfHash(byte[] sha256) => Convert.ToHexStringLower(sha256)[..12];
}
