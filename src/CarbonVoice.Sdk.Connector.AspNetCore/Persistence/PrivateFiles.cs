namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Creates the host's secret-bearing files readable by their owner only (0600 files, 0700 folders on Unix): the
/// database holds encrypted tokens and OAuth states, the key folder the keys that decrypt them. SQLite gives its
/// <c>-wal</c> and <c>-shm</c> files the database file's permissions. Existing files are left as they are.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates an empty file (and its folder) owner-only, unless it exists.</summary>
    public static void EnsureFile(string path)
    {
        EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created meanwhile by another process or thread: keep theirs.
        }
    }

    /// <summary>Creates a folder owner-only, unless it exists.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerFolder);
        }
    }
}
