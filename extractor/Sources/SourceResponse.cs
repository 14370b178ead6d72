using System.Security.Cryptography;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources;

/// <summary>A source's answer to one request: the body byte for byte, the HTTP status and the URL without secrets.</summary>
public sealed record SourceResponse(int Status, string Url, byte[] Body, DateTimeOffset FetchedAt)
{
    // The body's hash with the body it was computed from: a copy made with another Body computes its own.
    private Tuple<byte[], byte[]>? _sha256;

    /// <summary>How long the source asked us to wait before asking again (its Retry-After header), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// What the body holds, from a source that wrote it itself (the simulated market), so that judging it needs no
    /// parse; used only while <see cref="Body"/> is the body it describes.
    /// </summary>
    internal SourceReading? Written { get; init; }

    /// <summary>
    /// The SHA-256 of <see cref="Body"/>, computed on first use and kept: an import checks it against discovery's,
    /// and the lander records it in the metadata, of the same bytes. Read-only: the kept hash is shared.
    /// </summary>
    public ReadOnlySpan<byte> BodySha256()
    {
        var known = Volatile.Read(ref _sha256);
        if (known is not null && ReferenceEquals(known.Item1, Body))
        {
            return known.Item2;
        }

        var hash = SHA256.HashData(Body);
        Volatile.Write(ref _sha256, Tuple.Create(Body, hash));
        return hash;
    }
}
