using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>
/// The browser tests' screenshots, one per state. Tests leave tracked files alone: they go to <c>artifacts/screenshots/</c>,
/// and refresh the committed ones in <c>docs/screenshots/</c> only with CARBONVOICE_UPDATE_SCREENSHOT=1.
/// </summary>
internal static class BrowserScreenshots
{
    /// <summary>Scaled down so that the committed PNGs stay small.</summary>
    private const double Scale = 0.6;

    public static async Task SaveAsync(HeadlessChromium browser, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CARBONVOICE_UPDATE_SCREENSHOT") == "1" ? Path.Combine("docs", "screenshots") : Path.Combine("artifacts", "screenshots");
        var path = Path.Combine(RepositoryRoot(), folder, name + ".png");
        await browser.ScreenshotAsync(path, Scale);
        Assert.True(new FileInfo(path).Length > 5_000, $"The screenshot {name} is empty.");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CarbonVoice.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (CarbonVoice.Sdk.sln) was not found.");
    }
}
