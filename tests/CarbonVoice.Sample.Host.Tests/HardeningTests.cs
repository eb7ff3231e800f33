using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>Security headers, WebSocket tickets, the OAuth redirect URI, secrets kept out of logs, private files.</summary>
public sealed class HardeningTests
{
    private const string Api = "/api/connectors/carbonvoice";

    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData(Api + "/info")]
    [InlineData(Api + "/does-not-exist")]
    [InlineData(Api + "/oauth/callback?state=nope&code=nope")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var host = new SampleHostFactory();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);

        using var response = await client.GetAsync(path);

        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_page_and_the_callback_page_have_no_inline_script_or_style()
    {
        using var host = new SampleHostFactory();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);

        var page = await client.GetStringAsync("/");
        using var callback = await client.GetAsync(Api + "/oauth/callback?state=nope&code=nope");
        var refused = await callback.Content.ReadAsStringAsync();
        Assert.Contains("/css/oauth.css", refused, StringComparison.Ordinal);

        foreach (var html in new[] { page, refused })
        {
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\son[a-z]+=", html);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_progress_ticket_works_once_and_not_after_30_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new SampleHostFactory { TestServices = services => services.AddSingleton(new ProgressTickets(time)) };
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        async Task<string> TicketUrl()
        {
            var body = await (await client.PostAsync(Api + "/progress/tickets", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("ws", body.GetProperty("scheme").GetString());
            return body.GetProperty("url").GetString()!;
        }

        var url = await TicketUrl();
        Assert.StartsWith("/ws/tenant-a?ticket=", url, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleHostFactory.TenantAKey, url, StringComparison.Ordinal);
        using (var socket = await host.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + url), CancellationToken.None))
        {
            Assert.Equal("hello", (await ProgressSocket.ReceiveAsync(socket)).GetProperty("type").GetString());
        }

        var reused = await Assert.ThrowsAnyAsync<Exception>(() => host.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + url), CancellationToken.None));
        Assert.Contains("401", reused.Message, StringComparison.Ordinal);

        var late = await TicketUrl();
        time.Advance(ProgressTickets.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAnyAsync<Exception>(() => host.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + late), CancellationToken.None));
        Assert.Contains("401", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_cannot_watch_another_tenant_and_cannot_call_the_api()
    {
        using var host = new SampleHostFactory();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        var url = (await (await client.PostAsync(Api + "/progress/tickets", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var ticket = url[(url.IndexOf("ticket=", StringComparison.Ordinal) + 7)..];

        var other = await Assert.ThrowsAnyAsync<Exception>(() => host.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/ws/tenant-b?ticket={ticket}"), CancellationToken.None));
        Assert.Contains("403", other.Message, StringComparison.Ordinal);
        using var anonymous = host.CreateClient();
        using var info = await anonymous.GetAsync($"{Api}/info?ticket={ticket}");
        Assert.Equal(HttpStatusCode.Unauthorized, info.StatusCode);
    }

    [Fact]
    public async Task A_forged_host_header_does_not_change_the_oauth_redirect_uri()
    {
        using var host = new SampleHostFactory();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/oauth/start?company_id=acme");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorization_url").GetString()!;
        var redirect = new Uri(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["redirect_uri"]!);
        Assert.Equal("localhost", redirect.Host);
        Assert.Equal(8000, redirect.Port);
    }

    [Fact]
    public async Task Forwarded_https_marks_the_binding_cookie_secure_when_forwarded_headers_are_enabled()
    {
        using var host = new SampleHostFactory();
        host.Settings["ForwardedHeaders_Enabled"] = "true";
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/oauth/start?company_id=acme");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cv_oauth_binding=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Codes_states_tickets_and_api_keys_never_reach_the_logs()
    {
        var logs = new FakeLogCollector();
        using var host = new SampleHostFactory
        {
            TestServices = services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs))),
        };
        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(client);
        var query = System.Web.HttpUtility.ParseQueryString(callback[callback.IndexOf('?', StringComparison.Ordinal)..]);
        using (var done = await client.GetAsync(callback))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        using var socket = await host.OpenProgressAsync(SampleHostFactory.TenantAKey);
        await ProgressSocket.ReceiveAsync(socket);

        var text = string.Join('\n', logs.GetSnapshot().Select(r => r.Category + " " + r.Message));
        Assert.Contains($"GET {Api}/oauth/callback answered 302", text, StringComparison.Ordinal);
        Assert.DoesNotContain(query["code"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(query["state"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleHostFactory.TenantAKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && r.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task The_database_and_the_key_folder_are_private_to_the_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }

        using var host = new SampleHostFactory();
        await host.ConnectAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.DatabasePath));
        foreach (var companion in new[] { "-wal", "-shm" }.Select(s => host.DatabasePath + s).Where(File.Exists))
        {
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(companion) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }

        var keys = Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
    }
}
