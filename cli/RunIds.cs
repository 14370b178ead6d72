using System.Globalization;
using System.Security.Cryptography;

namespace StockLakehouse.Cli;

/// <summary>Run ids: the UTC start time plus 4 random hex digits, e.g. <c>20260105T213000Z-9f3a</c>; sortable and unique enough for one lake.</summary>
public static class RunIds
{
    public static string New(TimeProvider clock) =>
        string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}");
}
