using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The page's notices in headless Chromium: said in words, and cleared by what answers them.</summary>
public sealed class PageNoticeBrowserTests
{
    private const string Notice = "document.querySelector('#notice')";
    private const string SyncButton = ".connector button[data-action=sync]";

    [BrowserFact]
    public async Task A_refused_key_is_explained_and_cleared_by_a_good_load_and_a_bad_company_id_is_named()
    {
        await using var host = LoopbackHost.Start();
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(new Uri(host.BaseAddress, "/"));
        await browser.WaitForAsync("document.querySelector('#backend').textContent.includes('tenant-a')", "the connector info");

        await browser.FillAsync("#api-key", "not-a-key");
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync($"{Notice}.dataset.tone === 'error' && {Notice}.textContent.includes('API key was refused (401)')", "the refused key's notice");
        Assert.Equal("Not loaded.", await browser.TextAsync("#backend"));
        await BrowserScreenshots.SaveAsync(browser, "refused-key");

        await browser.FillAsync("#api-key", SampleHostFactory.TenantAKey);
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync($"document.querySelector('#backend').textContent.includes('tenant-a') && {Notice}.hidden", "a good load to clear the notice");

        await browser.FillAsync("#company-id", "acme corp");
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync($"{Notice}.textContent.includes('The company id “acme corp” is not valid')", "the company id's notice");
        Assert.True(await browser.IsAsync("document.querySelector('#company-id').getAttribute('aria-invalid') === 'true' && document.activeElement.id === 'company-id'"), "The company field is not marked and focused.");
        await browser.FillAsync("#company-id", "acme");
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync($"{Notice}.hidden && document.querySelector('#company-id').getAttribute('aria-invalid') === 'false'", "a good company id to clear it");
        Assert.Empty(browser.PageErrors);
    }

    [BrowserFact]
    public async Task While_a_sync_runs_Sync_is_off_and_its_started_notice_goes_when_it_ends()
    {
        await using var host = LoopbackHost.Start(factory =>
        {
            factory.TestServices = services => services.AddSingleton<FakeRunner>().AddSingleton<IConnectorRunner>(sp => sp.GetRequiredService<FakeRunner>());
            factory.Settings["Sample:IngestAfterSync"] = "false";
        });
        var runner = host.Factory.Services.GetRequiredService<FakeRunner>();
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(new Uri(host.BaseAddress, "/"));
        await browser.WaitForAsync("document.querySelector('#backend').textContent.includes('tenant-a')", "the connector info");
        await browser.ClickAsync("#connect"); // the emulator approves by itself here
        await browser.WaitForAsync("document.body.dataset.socket === 'open' && document.querySelector('#dashboard').dataset.ready === 'true'", "the connector's dashboard");
        await browser.WaitForAsync($"{Notice}.textContent.includes('connected')", "the end of the first load (its notice)");

        runner.Hold();
        await browser.ClickAsync(SyncButton);
        await runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await browser.WaitForAsync($"{Notice}.textContent === 'Sync started (full).' && document.querySelector('#overall-label').textContent.includes('5 records fetched')", "the running sync");
        Assert.True(await browser.IsAsync($"document.querySelector('{SyncButton}').disabled && document.querySelector('.connector .hint').textContent === 'A sync is running.'"), "Sync is enabled while a sync runs.");
        runner.Release();
        await browser.WaitForAsync(
            $"document.querySelector('#overall-label').textContent === 'Sync succeeded · 10 records fetched' && document.querySelector('#progress-bar').value === 100 && !document.querySelector('{SyncButton}').disabled",
            "the sync's end");
        Assert.True(await browser.IsAsync($"{Notice}.hidden"), "The 'sync started' notice outlived the sync.");

        // A page loaded while a sync runs knows it from the overview, so Sync is off there too.
        runner.Hold();
        await browser.ClickAsync(SyncButton);
        await runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync("document.querySelector('#dashboard').dataset.ready === 'true' && document.querySelector('#overall-label').textContent === 'A sync is running…'", "the reloaded page");
        Assert.True(await browser.IsAsync($"document.querySelector('{SyncButton}').disabled"), "Sync is enabled after a reload while a sync runs.");
        await BrowserScreenshots.SaveAsync(browser, "sync-running");
        runner.Release();
        await browser.WaitForAsync($"!document.querySelector('{SyncButton}').disabled", "the second sync's end");
        Assert.Empty(browser.PageErrors);
    }

    [BrowserFact]
    public async Task A_stopped_host_is_said_in_words_and_the_live_status_shows_the_lost_connection()
    {
        var host = LoopbackHost.Start();
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(new Uri(host.BaseAddress, "/"));
        await browser.WaitForAsync("document.body.dataset.socket === 'open'", "the live connection");

        await host.DisposeAsync();
        await browser.WaitForAsync("document.body.dataset.socket === 'retrying' && document.querySelector('#live').textContent.includes('lost')", "the live status to show the lost connection");
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync($"{Notice}.textContent.includes('The sample host is not answering')", "the stopped host's notice");
        Assert.DoesNotContain("TypeError", await browser.TextAsync("#notice"), StringComparison.Ordinal);
        await BrowserScreenshots.SaveAsync(browser, "host-stopped");
    }

    [BrowserFact]
    public async Task The_overall_progress_spans_sync_and_ingestion_in_records_and_a_cancelled_run_shows_no_percentage()
    {
        await using var host = LoopbackHost.Start();
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(new Uri(host.BaseAddress, "/"));

        // The page's own progress module, fed the messages of a sync followed by an ingestion that was cancelled.
        var steps = await browser.EvaluateAsync("""
            (async () => {
              const { advance, idle } = await import('/js/progress.js');
              const messages = [
                { type: 'sync_progress', status: 'running', phase: 'messages', processed: 120, percent: 40 },
                { type: 'sync_progress', status: 'succeeded', phase: 'completed', processed: 458, total: 458, percent: 100 },
                { type: 'ingest_progress', status: 'running', phase: 'chunking', processed: 229, percent: 50, message: '80 chunks written, 0 deleted' },
                { type: 'ingest_progress', status: 'cancelled', phase: 'completed', processed: 458, total: 458, percent: null, message: 'Cancelled by the user.' },
              ];
              let state = idle;
              const steps = messages.map((m) => (state = advance(state, m, true)));
              const alone = advance(idle, { type: 'ingest_progress', status: 'running', processed: 10, percent: 50 }, true);
              return [...steps, alone].map((s) => ({ percent: s.percent, label: s.label, state: s.state }));
            })()
            """);
        string Label(int i) => steps[i].GetProperty("label").GetString()!;
        double Percent(int i) => steps[i].GetProperty("percent").GetDouble();

        Assert.Equal((20, "Syncing · messages · 120 records fetched · 40 %"), (Percent(0), Label(0)));
        Assert.Equal((50, "Sync succeeded · 458 records fetched · ingestion next"), (Percent(1), Label(1)));
        Assert.Equal((75, "Ingesting · chunking · 229 records read · 50 % · 80 chunks written, 0 deleted"), (Percent(2), Label(2)));
        Assert.Equal((75, "Ingestion cancelled: Cancelled by the user.", "cancelled"), (Percent(3), Label(3), steps[3].GetProperty("state").GetString()));
        Assert.Equal(50, Percent(4)); // an ingestion on its own fills the whole bar
    }
}
