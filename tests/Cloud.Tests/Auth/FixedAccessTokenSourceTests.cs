using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Tests.Auth;

public sealed class FixedAccessTokenSourceTests
{
    [Fact]
    public async Task GetAccessTokenAsync_ReturnsTheGivenToken()
    {
        Assert.Equal("abc", await new FixedAccessTokenSource("abc").GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal("owner", await FixedAccessTokenSource.EmulatorOwner.GetAccessTokenAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_BlankToken_Throws(string token) => Assert.Throws<ArgumentException>(() => new FixedAccessTokenSource(token));

    [Fact]
    public async Task GetAccessTokenAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FixedAccessTokenSource("abc").GetAccessTokenAsync(cancelled.Token));
    }
}
