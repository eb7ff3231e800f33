using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The page in headless Chromium: connect (through the emulator's consent page) → sync → 100 % → chunks.</summary>
public sealed class BrowserTests
{
    [BrowserFact]
    public async Task Connect_sync_and_browse_chunks_in_the_page()
    {
        await using var host = LoopbackHost.Start(factory => factory.Settings["Emulator:AutoApprove"] = "false");
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = new Uri(host.BaseAddress, "/");

        await browser.NavigateAsync(page);
        await browser.WaitForAsync("document.querySelector('#backend').textContent.includes('tenant-a')", "the connector info");
        await browser.ClickAsync("#connect");

        // The emulator's consent page, on its own loopback port: approve.
        await browser.WaitForAsync($"location.port !== '{host.BaseAddress.Port}' && document.querySelector('button[value=approve]')", "the consent page");
        await browser.ClickAsync("button[value=approve]");

        // Back on the page with a connected connector.
        await browser.WaitForAsync($"location.port === '{host.BaseAddress.Port}' && document.querySelector('.connector[data-status=connected]')", "the connected connector");
        await browser.WaitForAsync("document.body.dataset.socket === 'open'", "the progress WebSocket");
        await browser.ClickAsync(".connector button[data-action=sync]");

        // The sync reaches 100 %, the ingestion that follows too, and the chunk browser fills.
        await browser.WaitForAsync("[...document.querySelectorAll('#progress-log li')].some(li => li.textContent.includes('sync succeeded 100%'))", "the sync to reach 100 %");
        await browser.WaitForAsync(
            "document.querySelector('#progress-label').dataset.kind === 'ingest' && document.querySelector('#progress-label').dataset.status === 'succeeded' && document.querySelector('#progress-bar').value === 100",
            "the ingestion to reach 100 %");
        await browser.WaitForAsync("document.querySelectorAll('#chunks .chunk').length > 0", "chunks in the browser");

        var chunkCount = (await browser.EvaluateAsync("document.querySelectorAll('#chunks .chunk').length")).GetInt32();
        Assert.InRange(chunkCount, 1, 20);
        // Tests leave tracked files alone: the screenshot goes to artifacts/, and refreshes the one under docs/ only when asked.
        var folder = Environment.GetEnvironmentVariable("CARBONVOICE_UPDATE_SCREENSHOT") == "1" ? Path.Combine("docs", "screenshots") : Path.Combine("artifacts", "screenshots");
        var path = Path.Combine(RepositoryRoot(), folder, "sample-host.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await browser.ScreenshotAsync(path);
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is empty");
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
