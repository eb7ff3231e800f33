using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>
/// The page in headless Chromium as a new user tries it, through its real buttons: connect (on the emulator's consent
/// page) → sync → dashboard → switch tenant → disconnect (confirmed) → reconnect, with a screenshot per state.
/// </summary>
public sealed class BrowserTests
{
    private const string SyncButton = ".connector button[data-action=sync]";
    private const string Label = "document.querySelector('#overall-label')";

    /// <summary>Every field, checkbox and list has a label a screen reader announces.</summary>
    private const string AllFieldsLabelled = "[...document.querySelectorAll('input, select')].every(e => e.labels.length > 0 || e.getAttribute('aria-label'))";

    [BrowserFact]
    public async Task A_new_user_connects_syncs_reads_the_dashboard_switches_tenant_disconnects_and_reconnects()
    {
        await using var host = LoopbackHost.Start(factory => factory.Settings["Emulator:AutoApprove"] = "false");
        await using var browser = await HeadlessChromium.LaunchAsync();
        var port = host.BaseAddress.Port;
        await browser.NavigateAsync(new Uri(host.BaseAddress, "/"));
        await browser.WaitForAsync("document.querySelector('#backend').textContent.includes('tenant-a') && document.querySelector('#connectors').textContent.includes('No connectors')", "the empty connector list");
        Assert.Equal(200, (await browser.EvaluateAsync("fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)")).GetInt32());
        Assert.True(await browser.IsAsync(AllFieldsLabelled), "A field has no label.");

        // Connect: the emulator's consent page is styled, and approving brings the user back to a connected connector.
        await browser.ClickAsync("#connect");
        await browser.WaitForAsync($"location.port !== '{port}' && document.querySelector('button[value=approve]')", "the consent page");
        Assert.True(await browser.IsAsync("getComputedStyle(document.querySelector('button[value=approve]')).backgroundColor === 'rgb(59, 91, 219)'"), "The consent page has no styling.");
        await BrowserScreenshots.SaveAsync(browser, "consent-page");
        await browser.ClickAsync("button[value=approve]");
        await browser.WaitForAsync($"location.port === '{port}' && document.querySelector('.connector[data-status=connected]') && document.querySelector('#dashboard').dataset.ready === 'true'", "the connected connector's dashboard");
        await browser.WaitForAsync("document.body.dataset.socket === 'open'", "the live connection");
        Assert.Equal("Live updates: on", await browser.TextAsync("#live"));
        // The notice follows the end of the first load, which may come after the dashboard is ready.
        await browser.WaitForAsync("document.querySelector('#notice').textContent.includes('connected')", "the connected notice");
        await BrowserScreenshots.SaveAsync(browser, "connected");

        // Sync: the button is off from the first click, so a double click starts one sync (no 409).
        Assert.True(await browser.IsAsync($"(() => {{ const b = document.querySelector('{SyncButton}'); b.click(); b.click(); return b.disabled; }})()"), "Sync stayed enabled after a click.");
        await browser.WaitForAsync($"{Label}.dataset.stage === 'ingest' && {Label}.dataset.state === 'succeeded' && document.querySelector('#progress-bar').value === 100", "the sync and the ingestion to reach 100 %");
        await browser.WaitForAsync("document.querySelectorAll('#history tbody tr[data-status=succeeded]').length === 2", "both runs in the history");
        Assert.Equal(["ingestion", "full"], await StringsAsync(browser, "[...document.querySelectorAll('#history tbody tr')].map(r => r.cells[2].textContent)"));
        Assert.True(await browser.IsAsync("document.querySelector('#notice').hidden || !document.querySelector('#notice').textContent.includes('started')"), "The 'sync started' notice outlived the sync.");
        Assert.False(await browser.IsAsync($"document.querySelector('{SyncButton}').disabled"), "Sync stayed disabled after the runs ended.");
        var logLines = await StringsAsync(browser, "[...document.querySelectorAll('#progress-log li')].map(li => li.textContent)");
        Assert.DoesNotContain(logLines, line => line.Contains("completed", StringComparison.Ordinal));

        // The dashboard: per-entity bars, per-pillar split adding up to the chunk total, the rate limit, the chunks.
        await browser.WaitForAsync("[...document.querySelectorAll('#entity-chart rect.series-chunks')].some(r => Number(r.dataset.value) > 0) && document.querySelector('#chunks .chunk')", "the charts and chunks after the runs");
        var pillarSum = (await browser.EvaluateAsync("[...document.querySelectorAll('#pillar-chart rect[data-pillar]')].reduce((sum, r) => sum + Number(r.dataset.value), 0)")).GetInt64();
        Assert.Equal($"({pillarSum.ToString("N0", CultureInfo.GetCultureInfo("en"))})", await browser.TextAsync("#chunk-total"));
        Assert.Contains("requests left", await browser.TextAsync("#rate-limit"), StringComparison.Ordinal);
        Assert.True(await browser.IsAsync(AllFieldsLabelled), "A field has no label.");
        await BrowserScreenshots.SaveAsync(browser, "sample-host", wholePage: true);

        // Switch tenant: nothing of tenant A stays on screen.
        var connectorId = (await browser.EvaluateAsync("document.querySelector('.connector').dataset.connectorId")).GetString()!;
        var email = (await browser.EvaluateAsync("document.querySelector('.connector p').textContent.split(' · ')[0]")).GetString()!;
        await browser.FillAsync("#api-key", SampleHostFactory.TenantBKey);
        await browser.ClickAsync("#reload");
        await browser.WaitForAsync("document.querySelector('#backend').textContent.includes('tenant-b') && document.querySelector('#connectors').textContent.includes('No connectors')", "tenant B's empty page");
        Assert.True(await browser.IsAsync(
            "!document.querySelector('[data-connector-id]') && !document.querySelector('#chunks .chunk') && document.querySelector('#dashboard').hidden"
            + " && document.querySelector('#chunk-browser').hidden && document.querySelectorAll('#progress-log li, #history tbody tr, #entity-chart *').length === 0"
            + " && document.querySelector('#notice').hidden"), "Something of tenant A stayed after switching to tenant B.");
        var text = (await browser.EvaluateAsync("document.body.innerText")).GetString()!;
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tenant tenant-a", text, StringComparison.Ordinal);
        Assert.DoesNotContain(connectorId, (await browser.EvaluateAsync("document.body.innerHTML")).GetString()!, StringComparison.Ordinal);
        await BrowserScreenshots.SaveAsync(browser, "other-tenant");

        // Back to tenant A. Disconnect asks first, and Cancel does nothing.
        await browser.FillAsync("#api-key", SampleHostFactory.TenantAKey);
        await browser.ClickAsync("#reload");
        // The chunk list loads after the dashboard is ready: waited for too, so the check after Cancel compares a loaded page.
        await browser.WaitForAsync("document.querySelector('.connector[data-status=connected]') && document.querySelector('#dashboard').dataset.ready === 'true' && document.querySelectorAll('#chunks .chunk').length > 0", "tenant A's connector and its chunks again");
        await browser.ClickAsync(".connector button[data-action=disconnect]");
        await browser.WaitForAsync("document.querySelector('#disconnect-dialog').open", "the confirmation");
        await BrowserScreenshots.SaveAsync(browser, "disconnect-confirmation");
        await browser.ClickAsync("#disconnect-cancel");
        await browser.WaitForAsync("!document.querySelector('#disconnect-dialog').open", "the confirmation to close");
        using var tenantA = TenantClient(host, SampleHostFactory.TenantAKey);
        Assert.Equal("connected", (await tenantA.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{connectorId}")).GetProperty("connector_status").GetString());
        Assert.True(await browser.IsAsync("document.querySelector('.connector[data-status=connected]') && document.querySelectorAll('#chunks .chunk').length > 0"), "Cancel changed the page.");

        // From the keyboard: the confirmation opens focused on Cancel, and Escape closes it without disconnecting.
        await browser.ClickAsync(".connector button[data-action=disconnect]");
        await browser.WaitForAsync("document.querySelector('#disconnect-dialog').open && document.activeElement.id === 'disconnect-cancel'", "the confirmation, focused on Cancel");
        await browser.PressAsync("Escape", 27);
        await browser.WaitForAsync("!document.querySelector('#disconnect-dialog').open", "Escape to close the confirmation");
        Assert.Equal("connected", (await tenantA.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{connectorId}")).GetProperty("connector_status").GetString());

        // Disconnect and purge: no stale chunk stays listed; Sync is off and Reconnect is offered.
        await browser.ClickAsync(".connector button[data-action=disconnect]");
        await browser.WaitForAsync("document.querySelector('#disconnect-dialog').open", "the confirmation");
        await browser.ClickAsync("#purge-data");
        await browser.ClickAsync("#disconnect-confirm");
        await browser.WaitForAsync(
            "document.querySelector('.connector[data-status=disconnected]') && document.querySelector('#chunk-total').textContent === '(0)' && document.querySelector('#notice').textContent.includes('purged')",
            "the disconnected, purged connector");
        Assert.True(await browser.IsAsync($"!document.querySelector('#chunks .chunk') && document.querySelector('{SyncButton}').disabled && document.querySelector('.connector button[data-action=reconnect]')"), "A disconnected connector still offers Sync, or lists chunks, or offers no Reconnect.");
        Assert.Contains("reconnect it to sync", await browser.TextAsync(".connector .hint"), StringComparison.Ordinal);
        Assert.Contains("No chunks yet", await browser.TextAsync("#pillar-chart"), StringComparison.Ordinal);
        Assert.Contains("Nothing stored", await browser.TextAsync("#entity-chart"), StringComparison.Ordinal);
        await BrowserScreenshots.SaveAsync(browser, "disconnected", wholePage: true);

        // Reconnect: the same account revives the same connector, and Sync is back.
        await browser.ClickAsync(".connector button[data-action=reconnect]");
        await browser.WaitForAsync($"location.port !== '{port}' && document.querySelector('button[value=approve]')", "the consent page");
        await browser.ClickAsync("button[value=approve]");
        await browser.WaitForAsync($"location.port === '{port}' && document.querySelector('.connector[data-status=connected][data-connector-id=\"{connectorId}\"]') && !document.querySelector('{SyncButton}').disabled", "the reconnected connector");
        await BrowserScreenshots.SaveAsync(browser, "reconnected");
        Assert.Empty(browser.PageErrors);
    }

    internal static HttpClient TenantClient(LoopbackHost host, string apiKey)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static async Task<string[]> StringsAsync(HeadlessChromium browser, string expression)
        => [.. (await browser.EvaluateAsync(expression)).EnumerateArray().Select(e => e.GetString()!)];
}
