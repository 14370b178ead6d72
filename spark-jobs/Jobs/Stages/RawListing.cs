using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The raw daily-bar bodies silver works from in a run, listed only as far as the lake changed since silver last recorded
/// it, so that a day's listing costs what landed that day rather than every body of the lake's history.
/// <para>
/// Raw bodies land in one folder per ingest date (<see cref="LakeLayout.RawObject"/>). After a run, silver records in
/// <see cref="IndexKey"/> each folder it listed when the run opened: the store's change token
/// (<see cref="IObjectStore.ListFoldersAsync"/>) read before the listing, whether that token can be trusted
/// (<see cref="Settle"/>), the folder's bodies as a count and hash (<see cref="RawObjectDigest"/>); and, per symbol, the
/// count and hash of its bodies in all recorded folders. The next run reads every folder's token, lists only folders it
/// has no record of (what landed since) and those whose token changed or could not be trusted, and compares their bodies
/// with the record: the same bodies, and the folder is as it was; other bodies, and every body is listed. A symbol whose
/// state holds exactly its recorded bodies (the digests are equal) gets its bodies of the new folders as what arrived since
/// (<see cref="AddedSince"/>), and no other body is listed for it.
/// </para>
/// <para>
/// Every body is listed when the record cannot tell: no record (a first run, or a lake of an earlier version), a store
/// without folder tokens (a bucket), a recorded folder gone or holding other bodies than recorded (a body landed under an
/// earlier ingest date, or one deleted), and, for one symbol alone (<see cref="ObjectsAsync"/>, the listing made once and
/// shared by every such symbol of the run), a symbol whose state is not its recorded bodies: none or unusable, a run
/// given <c>--symbols</c> that left it out, a run stopped between its state and the record, or a state written by another
/// engine.
/// </para>
/// </summary>
public sealed class RawListing
{
    /// <summary>Where silver records the raw folders it listed.</summary>
    public const string IndexKey = StageState.Root + "/silver/raw_listing.json";

    /// <summary>The record's format; a record of another is not read (the whole listing once, then a new record).</summary>
    public const int Format = 2;

    /// <summary>
    /// How long before a run's start a folder must last have changed for its token to be trusted next time: a file system
    /// stamps changes at a coarse resolution, and a file server's clock may run apart from this machine's, so a change
    /// soon after the token was read may leave it as it was. A folder changed later is recorded but listed and compared
    /// again by the next run (a day's run so lists the day before's folder again, landed just before it).
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    private readonly IObjectStore _store;
    private readonly IReadOnlyList<string> _datasets;
    private readonly RawListingIndex? _index;
    private readonly Dictionary<string, FolderInfo>? _tokens;
    private readonly DateTimeOffset _started;
    private readonly bool _wholeAtOpen;
    private readonly Dictionary<string, List<RawObjectEntry>> _listed;
    private readonly HashSet<string> _freshFolders;
    private readonly Dictionary<Symbol, List<RawObjectEntry>> _fresh;
    private readonly Dictionary<Symbol, RawSymbolRecord> _recorded;
    private readonly SemaphoreSlim _wholeGate = new(1, 1);
    private Dictionary<Symbol, List<RawObjectEntry>>? _whole;

    private RawListing(
        IObjectStore store,
        IReadOnlyList<string> datasets,
        RawListingIndex? index,
        Dictionary<string, FolderInfo>? tokens,
        DateTimeOffset started,
        Dictionary<string, List<RawObjectEntry>> listed,
        HashSet<string>? freshFolders)
    {
        _store = store;
        _datasets = datasets;
        _index = index;
        _tokens = tokens;
        _started = started;
        _listed = listed;
        _wholeAtOpen = freshFolders is null;
        _freshFolders = freshFolders ?? [];
        _fresh = BySymbol(_freshFolders.SelectMany(f => listed[f]));
        _recorded = _wholeAtOpen || index is null ? [] : index.Symbols.ToDictionary(p => Symbol.Parse(p.Key), p => p.Value);
        if (_wholeAtOpen)
        {
            _whole = BySymbol(listed.Values.SelectMany(e => e));
        }

        Symbols = _wholeAtOpen ? _whole!.Keys.ToHashSet() : _recorded.Keys.Concat(BySymbol(listed.Values.SelectMany(e => e)).Keys).ToHashSet();
    }

    /// <summary>Every body was listed in this run: at its opening (no usable record), or for a symbol the record could not answer for.</summary>
    public bool Whole => _whole is not null;

    /// <summary>How many folders were listed when the run opened: every folder when the record could not be used, else the new and the re-read ones.</summary>
    public int FoldersListed => _listed.Count;

    /// <summary>Every symbol with raw bodies in the lake.</summary>
    public IReadOnlySet<Symbol> Symbols { get; }

    /// <summary>
    /// Reads the record and the folders' tokens of <paramref name="datasets"/> (raw prefixes, each ending with '/') and
    /// lists what changed since, or every body when the record cannot say.
    /// </summary>
    public static async Task<RawListing> OpenAsync(IObjectStore store, IReadOnlyList<string> datasets, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetUtcNow();
        var tokens = new Dictionary<string, FolderInfo>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            if (await store.ListFoldersAsync(dataset, cancellationToken).ConfigureAwait(false) is not { } folders)
            {
                return await WholeAsync(store, datasets, null, null, started, cancellationToken).ConfigureAwait(false);
            }

            foreach (var folder in folders)
            {
                tokens[folder.Prefix] = folder;
            }
        }

        var index = await StageState.ReadAsync<RawListingIndex>(store, IndexKey, cancellationToken).ConfigureAwait(false);
        if (index is null
            || index.Format != Format
            || index.Folders.Keys.Any(f => !tokens.ContainsKey(f))
            || index.Symbols.Keys.Any(s => !Symbol.TryParse(s, out _)))
        {
            return await WholeAsync(store, datasets, index, tokens, started, cancellationToken).ConfigureAwait(false);
        }

        var listed = new Dictionary<string, List<RawObjectEntry>>(StringComparer.Ordinal);
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (prefix, folder) in tokens)
        {
            var recorded = index.Folders.GetValueOrDefault(prefix);
            if (recorded is not null && recorded.Settled && recorded.Token == folder.ChangeToken)
            {
                continue;
            }

            var entries = await ListBodiesAsync(store, prefix, cancellationToken).ConfigureAwait(false);
            if (recorded is not null && !recorded.Holds(entries))
            {
                // A recorded folder holds other bodies than it did: only the whole listing can tell whose.
                return await WholeAsync(store, datasets, index, tokens, started, cancellationToken).ConfigureAwait(false);
            }

            listed[prefix] = entries;
            if (recorded is null)
            {
                fresh.Add(prefix);
            }
        }

        return new RawListing(store, datasets, index, tokens, started, listed, fresh);
    }

    /// <summary>
    /// The bodies of <paramref name="symbol"/> that arrived since its state <paramref name="kept"/> was taken, when the
    /// listing can tell without listing every body (possibly none): the state holds exactly the symbol's bodies in the
    /// recorded folders, and its bodies in new folders all have later ingest dates. Null otherwise
    /// (<see cref="ObjectsAsync"/> then gives every body of the symbol).
    /// </summary>
    public IReadOnlyList<RawObjectEntry>? AddedSince(Symbol symbol, RawObjectDigest kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (_wholeAtOpen || !_recorded.TryGetValue(symbol, out var recorded) || recorded.Count != kept.Count || recorded.Hash != kept.Hash)
        {
            return null;
        }

        var added = _fresh.GetValueOrDefault(symbol) ?? [];
        return added.All(e => LakeLayout.IngestDateOf(e.Key) > kept.LastIngest) ? added : null;
    }

    /// <summary>
    /// Every body of <paramref name="symbol"/>, in key order: those listed, when the symbol has no body in a recorded
    /// folder; otherwise from the whole listing, made once for the run.
    /// </summary>
    public async Task<IReadOnlyList<RawObjectEntry>> ObjectsAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        if (!_wholeAtOpen && !_recorded.ContainsKey(symbol))
        {
            return Sorted(_fresh.GetValueOrDefault(symbol) ?? []);
        }

        await _wholeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _whole ??= BySymbol((await ListEveryFolderAsync(_store, _datasets, cancellationToken).ConfigureAwait(false)).Values.SelectMany(e => e));
        }
        finally
        {
            _wholeGate.Release();
        }

        return Sorted(_whole.GetValueOrDefault(symbol) ?? []);
    }

    /// <summary>
    /// Records the folders listed when the run opened, each with the token read before it was listed, and each symbol's
    /// bodies in all recorded folders. A listing made later in the run (<see cref="ObjectsAsync"/>) is not recorded: a
    /// folder changed since the tokens were read must be read again by the next run. Nothing when the store keeps no
    /// folder tokens.
    /// </summary>
    public Task RecordAsync(CancellationToken cancellationToken)
    {
        if (_tokens is null)
        {
            return Task.CompletedTask;
        }

        var folders = _wholeAtOpen || _index is null
            ? new Dictionary<string, RawFolderRecord>(StringComparer.Ordinal)
            : new Dictionary<string, RawFolderRecord>(_index.Folders, StringComparer.Ordinal);
        var symbols = _wholeAtOpen || _index is null
            ? new Dictionary<string, RawSymbolRecord>(StringComparer.Ordinal)
            : new Dictionary<string, RawSymbolRecord>(_index.Symbols, StringComparer.Ordinal);
        foreach (var (prefix, token) in _tokens)
        {
            if (!_listed.TryGetValue(prefix, out var entries))
            {
                // Whole: a folder made after the listing (new to the next run). Otherwise one the record still describes.
                continue;
            }

            var settled = token.ChangedAt <= _started - Settle;
            if (!_wholeAtOpen && !_freshFolders.Contains(prefix))
            {
                // A re-read folder held its recorded bodies (compared when the run opened): the same count and hash, and its
                // symbols' records already count them.
                folders[prefix] = folders[prefix] with { Token = token.ChangeToken, Settled = settled };
                continue;
            }

            var digest = RawObjectDigest.Of(entries);
            folders[prefix] = new RawFolderRecord(token.ChangeToken, settled, digest.Count, digest.Hash);
            foreach (var (symbol, bodies) in BySymbol(entries))
            {
                var before = symbols.TryGetValue(symbol.Value, out var known) ? new RawObjectDigest(known.Count, DateOnly.MinValue, known.Hash) : RawObjectDigest.Empty;
                var after = before.Plus(bodies);
                symbols[symbol.Value] = new RawSymbolRecord(after.Count, after.Hash);
            }
        }

        var index = new RawListingIndex(Format, folders, new SortedDictionary<string, RawSymbolRecord>(symbols, StringComparer.Ordinal));
        return StageState.WriteAsync(_store, IndexKey, index, cancellationToken);
    }

    /// <summary>Every body of <paramref name="datasets"/> with its size and its metadata's, by symbol, in key order (no record kept).</summary>
    public static async Task<Dictionary<Symbol, List<RawObjectEntry>>> ListEveryBodyAsync(IObjectStore store, IReadOnlyList<string> datasets, CancellationToken cancellationToken) =>
        BySymbol((await ListEveryFolderAsync(store, datasets, cancellationToken).ConfigureAwait(false)).Values.SelectMany(e => e));

    private static async Task<RawListing> WholeAsync(
        IObjectStore store,
        IReadOnlyList<string> datasets,
        RawListingIndex? index,
        Dictionary<string, FolderInfo>? tokens,
        DateTimeOffset started,
        CancellationToken cancellationToken)
    {
        var whole = await ListEveryFolderAsync(store, datasets, cancellationToken).ConfigureAwait(false);
        return new RawListing(store, datasets, index, tokens, started, whole, null);
    }

    /// <summary>
    /// Every body under <paramref name="datasets"/>, by the folder directly under its dataset that holds it (its ingest
    /// date's, whatever lies deeper), or by the dataset for a body outside any folder.
    /// </summary>
    private static async Task<Dictionary<string, List<RawObjectEntry>>> ListEveryFolderAsync(IObjectStore store, IReadOnlyList<string> datasets, CancellationToken cancellationToken)
    {
        var folders = new Dictionary<string, List<RawObjectEntry>>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            foreach (var entry in await ListBodiesAsync(store, dataset, cancellationToken).ConfigureAwait(false))
            {
                var slash = entry.Key.IndexOf('/', dataset.Length);
                var folder = slash < 0 ? dataset : entry.Key[..(slash + 1)];
                (folders.TryGetValue(folder, out var entries) ? entries : folders[folder] = []).Add(entry);
            }
        }

        return folders;
    }

    /// <summary>The raw bodies under <paramref name="prefix"/> with their sizes and their metadata's, in key order.</summary>
    private static async Task<List<RawObjectEntry>> ListBodiesAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var bodies = new List<(string Key, long Bytes)>();
        var metadata = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var info in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith(LakeLayout.MetadataSuffix, StringComparison.Ordinal))
            {
                metadata[info.Key] = info.Length;
            }
            else if (LakeLayout.IsRawBody(info.Key) && Symbol.TryParse(LakeLayout.SymbolOf(info.Key), out _))
            {
                bodies.Add((info.Key, info.Length));
            }
        }

        return bodies
            .OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new RawObjectEntry(b.Key, b.Bytes, metadata.TryGetValue(LakeLayout.RawMetadata(b.Key), out var bytes) ? bytes : null))
            .ToList();
    }

    private static Dictionary<Symbol, List<RawObjectEntry>> BySymbol(IEnumerable<RawObjectEntry> entries)
    {
        var bySymbol = new Dictionary<Symbol, List<RawObjectEntry>>();
        foreach (var entry in entries)
        {
            var symbol = Symbol.Parse(LakeLayout.SymbolOf(entry.Key));
            (bySymbol.TryGetValue(symbol, out var list) ? list : bySymbol[symbol] = []).Add(entry);
        }

        return bySymbol;
    }

    private static List<RawObjectEntry> Sorted(IEnumerable<RawObjectEntry> entries) => entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
}

/// <summary>What <see cref="RawListing"/> recorded after a run: each raw folder it listed, and each symbol's bodies in them.</summary>
public sealed record RawListingIndex(int Format, IReadOnlyDictionary<string, RawFolderRecord> Folders, IReadOnlyDictionary<string, RawSymbolRecord> Symbols);

/// <summary>A raw folder as recorded: the token read before it was listed, whether that token can be trusted next time, and its bodies' count and hash (<see cref="RawObjectDigest"/>).</summary>
public sealed record RawFolderRecord(string Token, bool Settled, int Count, string Hash)
{
    /// <summary>The folder holds exactly the recorded bodies (with the same sizes and metadata sizes).</summary>
    public bool Holds(IEnumerable<RawObjectEntry> entries)
    {
        var digest = RawObjectDigest.Of(entries);
        return digest.Count == Count && digest.Hash == Hash;
    }
}

/// <summary>A symbol's bodies in every recorded folder: their count and hash, as its silver state's <see cref="RawObjectDigest"/> gives them when it holds exactly those.</summary>
public sealed record RawSymbolRecord(int Count, string Hash);
