namespace CarbonVoice.Sample.Host.Tests;

/// <summary>What the host's README must say plainly.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_says_the_key_ring_is_unencrypted_and_points_to_ProtectKeysWith()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "CarbonVoice.Sample.Host", "README.md"));
        Assert.Contains("key ring is not encrypted", readme, StringComparison.Ordinal);
        Assert.Contains("ProtectKeysWith", readme, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
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
