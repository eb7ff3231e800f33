namespace CarbonVoice.Sample.Host.Hosting;

/// <summary>Creates the key ring's folder readable by its owner only (0700 on Unix); an existing folder is left as it is.</summary>
internal static class PrivateFolder
{
    public static void Ensure(string path)
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
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
