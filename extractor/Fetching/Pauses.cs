namespace StockLakehouse.Extractor.Fetching;

/// <summary>The production <see cref="Pause"/>: a timer of the injected clock.</summary>
internal static class Pauses
{
    public static Pause On(TimeProvider clock) => (delay, cancellationToken) => Task.Delay(delay, clock, cancellationToken);
}
