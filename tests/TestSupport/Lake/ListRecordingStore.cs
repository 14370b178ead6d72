using System.Collections.Concurrent;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.TestSupport.Lake;

/// <summary>A store that records every prefix listed object by object (<see cref="IObjectStore.ListAsync"/>), for tests of what a reader lists.</summary>
public sealed class ListRecordingStore(IObjectStore inner) : DelegatingObjectStore(inner)
{
    private readonly ConcurrentQueue<string> _listed = new();

    /// <summary>The prefixes listed under <c>raw/</c>, in the order they were listed.</summary>
    public IReadOnlyList<string> RawListed => [.. _listed.Where(p => p.StartsWith(LakeLayout.RawRoot + "/", StringComparison.Ordinal))];

    public override IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        _listed.Enqueue(prefix);
        return base.ListAsync(prefix, cancellationToken);
    }
}
