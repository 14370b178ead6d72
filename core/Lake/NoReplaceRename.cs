using System.Runtime.InteropServices;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// Moves a staged file to a path that must not exist yet, atomically: either the file appears whole under the new
/// name and this returns true, or the name was taken — by anyone, at any moment — and this returns false, leaving
/// what is there untouched. <see cref="File.Move(string, string, bool)"/> with <c>overwrite: false</c> is not that on
/// Unix: it checks, then renames, and a second writer slips between the two.
/// <para>
/// On Unix the primitive is <c>link(2)</c>: creating a hard link fails with <c>EEXIST</c> when the name exists,
/// atomically, on every POSIX system and every file system with hard links (ext4, xfs, btrfs, tmpfs, NFS, APFS); the
/// staged name is then unlinked by the caller. It was chosen over Linux's <c>renameat2(RENAME_NOREPLACE)</c>, which
/// is Linux-only and refused by more file systems (NFS, older overlayfs), and is kept as the fallback for file
/// systems without hard links (<c>EPERM</c>, <c>ENOTSUP</c> — exFAT, some FUSE mounts). Where neither works, the
/// caller falls back to a check and rename under the lake's own cross-process lock (<see cref="NoReplaceOutcome.Unsupported"/>). On
/// Windows <see cref="File.Move(string, string, bool)"/> without overwrite is <c>MoveFileEx</c> without
/// <c>MOVEFILE_REPLACE_EXISTING</c>, which is already atomic.
/// </para>
/// </summary>
internal static partial class NoReplaceRename
{
    private const int RenameNoReplace = 1;
    private const int ErrnoExists = 17; // EEXIST, the same on Linux and macOS
    private const int ErrnoNoEntry = 2; // ENOENT, the same on Linux and macOS
    private const int AtCurrentDirectory = -100;

    /// <summary>
    /// Gives <paramref name="staged"/> the name <paramref name="destination"/> unless it is taken. On Unix the staged
    /// name stays as a second link when <see cref="NoReplaceOutcome.Moved"/> comes from <c>link(2)</c>: the caller deletes it.
    /// <see cref="NoReplaceOutcome.MissingFolder"/> lets a caller create the destination's folder only when it is missing.
    /// </summary>
    public static NoReplaceOutcome TryMove(string staged, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(staged, destination, overwrite: false);
                return NoReplaceOutcome.Moved;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return NoReplaceOutcome.Exists;
            }
            catch (DirectoryNotFoundException)
            {
                return NoReplaceOutcome.MissingFolder;
            }
        }

        if (Link(staged, destination) == 0)
        {
            return NoReplaceOutcome.Moved;
        }

        var linkError = Marshal.GetLastPInvokeError();
        if (linkError is ErrnoExists or ErrnoNoEntry)
        {
            return linkError == ErrnoExists ? NoReplaceOutcome.Exists : NoReplaceOutcome.MissingFolder;
        }

        if (!MeansUnsupported(linkError))
        {
            throw Failure("link", staged, destination, linkError);
        }

        if (!OperatingSystem.IsLinux())
        {
            return NoReplaceOutcome.Unsupported;
        }

        try
        {
            if (RenameAt2(AtCurrentDirectory, staged, AtCurrentDirectory, destination, RenameNoReplace) == 0)
            {
                return NoReplaceOutcome.Moved;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return NoReplaceOutcome.Unsupported; // a C library older than glibc 2.28
        }

        var renameError = Marshal.GetLastPInvokeError();
        return renameError == ErrnoExists ? NoReplaceOutcome.Exists
            : renameError == ErrnoNoEntry ? NoReplaceOutcome.MissingFolder
            : MeansUnsupported(renameError) ? NoReplaceOutcome.Unsupported
            : throw Failure("renameat2", staged, destination, renameError);
    }

    private static IOException Failure(string call, string staged, string destination, int errno) =>
        new($"Could not create '{destination}' from '{staged}': {call} failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int fromDirectory, string from, int toDirectory, string to, uint flags);

    /// <summary>EPERM (a file system without hard links), EINVAL (a flag it refuses), ENOSYS, ENOTSUP/EOPNOTSUPP.</summary>
    private static bool MeansUnsupported(int errno) => errno switch
    {
        1 or 22 => true,
        38 or 95 when OperatingSystem.IsLinux() => true,
        45 or 78 or 102 when OperatingSystem.IsMacOS() => true,
        _ => false,
    };
}
