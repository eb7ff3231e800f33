using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>
/// The browser tests' screenshots, one per state. Tests leave tracked files alone: they go to <c>artifacts/screenshots/</c>,
/// and refresh the committed ones in <c>docs/screenshots/</c> only with CARBONVOICE_UPDATE_SCREENSHOT=1.
/// </summary>
internal static class BrowserScreenshots
{
    /// <summary>Scaled down so that the committed PNGs stay small.</summary>
    private const double Scale = 0.5;

    /// <summary>Saves the viewport, or with <paramref name="wholePage"/> the page down to its end (at most 1,800 CSS pixels).</summary>
    public static async Task SaveAsync(HeadlessChromium browser, string name, bool wholePage = false)
    {
        var folder = Environment.GetEnvironmentVariable("CARBONVOICE_UPDATE_SCREENSHOT") == "1" ? Path.Combine("docs", "screenshots") : Path.Combine("artifacts", "screenshots");
        var path = Path.Combine(Repository.Root(), folder, name + ".png");
        var height = wholePage ? 1800 : (await browser.EvaluateAsync("window.innerHeight")).GetInt32();
        await browser.ScreenshotAsync(path, Scale, height);
        Assert.True(new FileInfo(path).Length > 5_000, $"The screenshot {name} is empty.");
    }
}
