namespace StockLakehouse.Extractor.Limits;

/// <summary>
/// Decides when a request may be sent: waits for room (a rate or concurrency limit) or refuses outright (a
/// daily budget that is used up, where waiting would mean waiting until tomorrow).
/// </summary>
internal interface IRequestLimiter
{
    /// <summary>A lease to dispose when the request is over; check <see cref="LimiterLease.IsAcquired"/>.</summary>
    ValueTask<LimiterLease> AcquireAsync(CancellationToken cancellationToken);
}
