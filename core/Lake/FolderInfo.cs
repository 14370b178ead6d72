namespace StockLakehouse.Core.Lake;

/// <summary>
/// A folder of the store (<see cref="IObjectStore.ListFoldersAsync"/>): its prefix (ending with '/'), a token that changes
/// whenever an object directly in it is added, removed or renamed, and when it last changed. Two changes within the file
/// system's timestamp resolution may leave the token as it was, so a token read less than a few seconds after
/// <see cref="ChangedAt"/> says nothing about later changes (<c>RawListing</c> lists such a folder again).
/// </summary>
public sealed record FolderInfo(string Prefix, string ChangeToken, DateTimeOffset ChangedAt);
