namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>The repository the tests run from (its README, the sample's sources and scripts, the docs' screenshots).</summary>
internal static class Repository
{
    /// <summary>The repository root: the first folder above the test binaries that holds <c>samples/CarbonVoice.Sample.Host</c>.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "samples", "CarbonVoice.Sample.Host")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
