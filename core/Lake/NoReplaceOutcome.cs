namespace StockLakehouse.Core.Lake;

/// <summary>What <see cref="NoReplaceRename.TryMove"/> found.</summary>
internal enum NoReplaceOutcome
{
    /// <summary>The file now has the new name.</summary>
    Moved,

    /// <summary>The name was taken; nothing changed.</summary>
    Exists,

    /// <summary>The file system offers no atomic no-replace primitive; nothing changed.</summary>
    Unsupported,

    /// <summary>The new name's folder (or the staged file) does not exist; nothing changed.</summary>
    MissingFolder,
}
