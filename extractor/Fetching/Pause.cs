namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Waits <paramref name="delay"/>. Retries and rate limits wait through this, so tests can advance a fake
/// clock instead of sleeping; production waits with <see cref="Pauses.On"/> the injected clock.
/// </summary>
internal delegate Task Pause(TimeSpan delay, CancellationToken cancellationToken);
