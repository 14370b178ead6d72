using System.Globalization;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The fingerprint a Cloud Storage listing gives an object (<see cref="Core.Lake.ObjectInfo.Fingerprint"/>): its MD5
/// (<c>md5Hash</c>, base64), which follows the bytes, so an object rewritten with the same bytes keeps it; a composite
/// object has no MD5, and then its generation, which changes on every write. The CRC32C every object has is not used:
/// at 32 bits, two different partition files sharing one would leave a changed partition unloaded.
/// </summary>
internal static class GcsFingerprint
{
    public static string? Of(Google.Apis.Storage.v1.Data.Object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Md5Hash is { Length: > 0 } md5 ? "md5:" + md5
            : item.Generation is { } generation ? "generation:" + generation.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
