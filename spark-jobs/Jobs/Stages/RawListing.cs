using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The raw daily-bar bodies silver works from in a run, listed only as far as the lake changed since silver last recorded
/// it, so that a day's listing costs what landed that day rather than every body of the lake's history.
/// <para>
/// Raw bodies land in one folder per ingest date (<see cref="LakeLayout.RawObject"/>). After a run, silver records in
/// <see cref="IndexKey"/> each folder it listed: the store's change token (<see cref="IObjectStore.ListFoldersAsync"/>),
/// the folder's bodies as a <see cref="RawObjectDigest"/>, and which symbols with bodies there it did not bring up to date
/// (a run given <c>--symbols</c>); and the symbols with bodies in any recorded folder. The next run reads every folder's
/// token, lists only folders it has no record of (what landed since) and those whose token changed or was read too soon
/// after their last change to be trusted (<see cref="Settle"/>), and compares their bodies with the record: the same
/// bodies, and the folder is as it was. Every other folder is trusted as recorded, and every symbol silver brought up to
/// date has its bodies there in its state (<see cref="SilverPartitionState.Objects"/>), so a symbol's bodies in new
/// folders are what arrived since — <see cref="AddedSince"/>.
/// </para>
/// <para>
/// The whole listing, as before, whenever the incremental one cannot tell: no record (a first run, or a lake of an
/// earlier version), a store without folder tokens (a bucket), a recorded folder gone or holding other bodies than
/// recorded (a body landed under an old ingest date, or one deleted), and, for one symbol alone (<see cref="ObjectsAsync"/>,
/// listing every body once for all such symbols of the run), a symbol without a usable state whose bodies may lie in
/// recorded folders, or one left out of the run that recorded them.
/// </para>
/// </summary>
public sealed class RawListing
{
    /// <summary>Where silver records the raw folders it listed.</summary>
    public const string IndexKey = StageState.Root + "/silver/raw_listing.json";

    /// <summary>The record's format; a record of another is not read (the whole listing once, then a new record).</summary>
    public const int Format = 1;

    /// <summary>
    /// How long before a run's start a folder must last have changed for its token to be trusted next time: a file system
    /// stamps changes at a coarse resolution, so a change right after the token was read may leave it as it was. A folder
    /// changed later is recorded but listed and compared again by the next run.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly IObjectStore _store;
    private readonly IReadOnlyList<string> _datasets;
    private readonly RawListingIndex? _index;
    private readonly Dictionary<string, FolderInfo>? _tokens;
    private readonly DateTimeOffset _started;
    private readonly Dictionary<string, List<RawObjectEntry>> _listedFolders;
    private readonly HashSet<string> _freshFolders;
    private readonly Dictionary<Symbol, List<RawObjectEntry>> _fresh;
    private readonly HashSet<Symbol> _pending;
    private readonly HashSet<Symbol> _recorded;
    private readonly SemaphoreSlim _wholeGate = new(1, 1);
    private Dictionary<string, List<RawObjectEntry>>? _wholeFolders;
    private Dictionary<Symbol, List<RawObjectEntry>>? _whole;

    private RawListing(
        IObjectStore store,
        IReadOnlyList<string> datasets,
        RawListingIndex? index,
        Dictionary<string, FolderInfo>? tokens,
        DateTimeOffset started,
        Dictionary<string, List<RawObjectEntry>> listedFolders,
        HashSet<string> freshFolders,
        Dictionary<string, List<RawObjectEntry>>? wholeFolders)
    {
        _store = store;
        _datasets = datasets;
        _index = index;
        _tokens = tokens;
        _started = started;
        _listedFolders = listedFolders;
        _freshFolders = freshFolders;
        _fresh = BySymbol(freshFolders.SelectMany(f => listedFolders[f]));
        _pending = index is null ? [] : index.Pending.Select(Symbol.Parse).ToHashSet();
        _recorded = index is null ? [] : index.Symbols.Select(Symbol.Parse).ToHashSet();
        if (wholeFolders is not null)
        {
            (_wholeFolders, _whole) = (wholeFolders, BySymbol(wholeFolders.Values.SelectMany(e => e)));
        }

        Symbols = _whole is not null
            ? _whole.Keys.ToHashSet()
            : _recorded.Concat(BySymbol(listedFolders.Values.SelectMany(e => e)).Keys).ToHashSet();
    }

    /// <summary>Every body was listed (no usable record, or the lake changed where the record cannot follow it).</summary>
    public bool Whole => _whole is not null;

    /// <summary>How many folders were listed: every folder when <see cref="Whole"/>, else the new and the re-read ones.</summary>
    public int FoldersListed => _wholeFolders?.Count ?? _listedFolders.Count;

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
        if (index is null || index.Format != Format || index.Folders.Keys.Any(f => !tokens.ContainsKey(f)))
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

            var entries = await ListFolderAsync(store, prefix, cancellationToken).ConfigureAwait(false);
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

        return new RawListing(store, datasets, index, tokens, started, listed, fresh, null);
    }

    /// <summary>
    /// The bodies of <paramref name="symbol"/> that arrived since its state <paramref name="kept"/> was taken, when the
    /// listing can tell without listing every body (possibly none); null when it cannot (<see cref="ObjectsAsync"/> then
    /// gives every body of the symbol).
    /// </summary>
    public IReadOnlyList<RawObjectEntry>? AddedSince(Symbol symbol, RawObjectDigest kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        // A symbol the record does not name has no body in a trusted folder, so a state holding bodies is not one this
        // listing can add to; a pending one was left out of the run that recorded a folder holding its bodies.
        if (Whole || kept.Count == 0 || !_recorded.Contains(symbol) || _pending.Contains(symbol))
        {
            return null;
        }

        // A body of a new folder no later than the state's newest: a run that stopped before its record may have read it.
        var added = _fresh.GetValueOrDefault(symbol) ?? [];
        return added.All(e => LakeLayout.IngestDateOf(e.Key) > kept.LastIngest) ? added : null;
    }

    /// <summary>
    /// Every body of <paramref name="symbol"/>, in key order: those listed, when the symbol has no body in a folder the
    /// listing trusted without reading; otherwise from the whole listing, made once for the run.
    /// </summary>
    public async Task<IReadOnlyList<RawObjectEntry>> ObjectsAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        if (!Whole && !_recorded.Contains(symbol))
        {
            return Sorted(_fresh.GetValueOrDefault(symbol) ?? []);
        }

        await _wholeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_whole is null)
            {
                _wholeFolders = await ListEveryFolderAsync(_store, _datasets, cancellationToken).ConfigureAwait(false);
                _whole = BySymbol(_wholeFolders.Values.SelectMany(e => e));
            }
        }
        finally
        {
            _wholeGate.Release();
        }

        return Sorted(_whole.GetValueOrDefault(symbol) ?? []);
    }

    /// <summary>
    /// Records the folders this run listed, after the run brought every symbol of <paramref name="processed"/> up to date:
    /// each with the token read before it was listed; the symbols with bodies in them that were not processed stay pending
    /// until a run processes them. Nothing when the store keeps no folder tokens.
    /// </summary>
    public Task RecordAsync(IReadOnlyCollection<Symbol> processed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processed);
        if (_tokens is null)
        {
            return Task.CompletedTask;
        }

        var done = processed.ToHashSet();
        var whole = _wholeFolders is not null;
        var folders = whole
            ? new Dictionary<string, RawFolderRecord>(StringComparer.Ordinal)
            : new Dictionary<string, RawFolderRecord>(_index!.Folders, StringComparer.Ordinal);
        var symbols = whole ? new HashSet<string>(StringComparer.Ordinal) : _index!.Symbols.ToHashSet(StringComparer.Ordinal);
        var pending = whole ? new HashSet<string>(StringComparer.Ordinal) : _index!.Pending.ToHashSet(StringComparer.Ordinal);
        pending.ExceptWith(done.Select(s => s.Value));
        foreach (var (prefix, token) in _tokens)
        {
            // Whole: every folder whose token was read (a folder made since is new to the next run). Otherwise the folders
            // listed; a re-read folder held what its record says, so its symbols' states are as they were.
            List<RawObjectEntry>? entries;
            if (whole)
            {
                entries = _wholeFolders!.GetValueOrDefault(prefix) ?? [];
            }
            else if (!_listedFolders.TryGetValue(prefix, out entries))
            {
                continue;
            }

            var digest = RawObjectDigest.Of(entries);
            folders[prefix] = new RawFolderRecord(token.ChangeToken, token.ChangedAt <= _started - Settle, digest.Count, digest.Hash);
            var owners = BySymbol(entries).Keys.Select(s => s.Value).ToArray();
            symbols.UnionWith(owners);
            if (whole || _freshFolders.Contains(prefix))
            {
                pending.UnionWith(owners.Where(s => !done.Contains(Symbol.Parse(s))));
            }
        }

        var index = new RawListingIndex(Format, folders, symbols.Order(StringComparer.Ordinal).ToArray(), pending.Order(StringComparer.Ordinal).ToArray());
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
        return new RawListing(store, datasets, index, tokens, started, [], [], whole);
    }

    /// <summary>Every body under <paramref name="datasets"/>, by the folder it lies in (its key up to the last '/').</summary>
    private static async Task<Dictionary<string, List<RawObjectEntry>>> ListEveryFolderAsync(IObjectStore store, IReadOnlyList<string> datasets, CancellationToken cancellationToken)
    {
        var folders = new Dictionary<string, List<RawObjectEntry>>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            foreach (var entry in await ListFolderAsync(store, dataset, cancellationToken).ConfigureAwait(false))
            {
                var folder = entry.Key[..(entry.Key.LastIndexOf('/') + 1)];
                (folders.TryGetValue(folder, out var entries) ? entries : folders[folder] = []).Add(entry);
            }
        }

        return folders;
    }

    /// <summary>The raw bodies under <paramref name="prefix"/> with their sizes and their metadata's, in key order.</summary>
    private static async Task<List<RawObjectEntry>> ListFolderAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
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

/// <summary>What <see cref="RawListing"/> recorded after a run: each raw folder it listed, the symbols with bodies in them, and those of them no run has brought up to date since.</summary>
public sealed record RawListingIndex(int Format, IReadOnlyDictionary<string, RawFolderRecord> Folders, IReadOnlyList<string> Symbols, IReadOnlyList<string> Pending);

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
