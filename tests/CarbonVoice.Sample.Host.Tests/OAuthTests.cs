using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class OAuthTests(SampleHostFactory host) : IClassFixture<SampleHostFactory>
{
    [Fact]
    public async Task Start_returns_an_authorization_url_with_random_state_and_pkce()
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        var first = await client.PostAsync("/api/connectors/carbonvoice/oauth/start?company_id=acme", null);
        var second = await client.PostAsync("/api/connectors/carbonvoice/oauth/start?company_id=acme", null);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorization_url").GetString()!;
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorization_url").GetString()!;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(a).Query);
        Assert.Equal("emulator-client", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        // The callback on the address the host is bound to (Program's default), never the request's Host header.
        Assert.Equal("http://localhost:8000/api/connectors/carbonvoice/oauth/callback", query["redirect_uri"]);
        Assert.True(query["state"]!.Length >= 43);
        Assert.NotEqual(query["state"], System.Web.HttpUtility.ParseQueryString(new Uri(b).Query)["state"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?company_id=")]
    [InlineData("?company_id=bad%20company")]
    public async Task Start_validates_the_company(string query)
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PostAsync("/api/connectors/carbonvoice/oauth/start" + query, null);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("company_id", out _));
    }

    [Fact]
    public async Task Callback_connects_the_tenants_company_and_stores_the_token_encrypted()
    {
        var connectorId = await host.ConnectAsync(SampleHostFactory.TenantBKey, "globex");
        using var client = host.Tenant(SampleHostFactory.TenantBKey);
        var connector = await client.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{connectorId}");
        Assert.Equal("tenant-b", connector.GetProperty("tenant_id").GetString());
        Assert.Equal("globex", connector.GetProperty("company_id").GetString());
        Assert.Equal("connected", connector.GetProperty("connector_status").GetString());
        Assert.Equal(host.Emulator.Data.Users[0].Id, connector.GetProperty("external_company_id").GetString());
        Assert.False(connector.TryGetProperty("access_token", out _));

        var token = await host.Services.GetRequiredService<ITokenStore>().GetAsync(connectorId);
        Assert.NotNull(token);
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_protected FROM connectors WHERE id = $id";
        command.Parameters.AddWithValue("$id", connectorId);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(token.AccessToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(token.RefreshToken!, stored, StringComparison.Ordinal);
        Assert.StartsWith("CfDJ8", stored, StringComparison.Ordinal); // a Data Protection payload
    }

    [Fact]
    public async Task Reconnecting_the_same_account_revives_the_same_connector()
    {
        var first = await host.ConnectAsync(SampleHostFactory.TenantAKey, "revive");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        await client.DeleteAsync($"/api/connectors/carbonvoice/{first}");
        var second = await host.ConnectAsync(SampleHostFactory.TenantAKey, "revive");
        Assert.Equal(first, second);
        var connector = await client.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{first}");
        Assert.Equal("connected", connector.GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task A_replayed_state_is_refused_with_a_clear_page()
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(client, "replay");
        using var first = await client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var replay = await client.GetAsync(callback);
        await AssertRefusedAsync(replay, "Authorization already used");
    }

    [Fact]
    public async Task A_forged_state_is_refused_and_connects_nothing()
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(client, "forged");
        var forged = System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=" + Pkce.CreateState());
        using var response = await client.GetAsync(forged);
        await AssertRefusedAsync(response, "Unknown authorization state");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=forged")).EnumerateArray());
    }

    [Theory]
    [InlineData("/api/connectors/carbonvoice/oauth/callback?code=abc", "Invalid authorization response")]
    [InlineData("/api/connectors/carbonvoice/oauth/callback", "Invalid authorization response")]
    public async Task A_callback_without_state_is_refused(string path, string title)
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(path);
        await AssertRefusedAsync(response, title);
    }

    [Fact]
    public async Task A_denied_authorization_is_refused_and_its_state_is_spent()
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(client, "denied");
        var state = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + callback).Query)["state"];
        using var denied = await client.GetAsync($"/api/connectors/carbonvoice/oauth/callback?error=access_denied&state={state}");
        await AssertRefusedAsync(denied, "Authorization denied");
        using var late = await client.GetAsync(callback);
        await AssertRefusedAsync(late, "Authorization already used");
    }

    [Fact]
    public async Task A_code_the_emulator_refuses_is_reported()
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(client, "badcode");
        var tampered = System.Text.RegularExpressions.Regex.Replace(callback, "code=[^&]+", "code=not-a-code");
        using var response = await client.GetAsync(tampered);
        await AssertRefusedAsync(response, "Authorization code refused");
    }

    [Fact]
    public async Task An_expired_state_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var expiring = new SampleHostFactory { TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        using var client = expiring.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await expiring.AuthorizeAsync(client, "slow");
        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync(callback);
        await AssertRefusedAsync(response, "Authorization expired");
    }

    [Fact]
    public async Task A_state_is_bound_to_the_tenant_and_company_that_started_it()
    {
        // The browser that started the authorization completes it: the connector is that tenant's and company's.
        using var a = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(a, "bound");
        using var response = await a.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var connector = Assert.Single((await a.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=bound")).EnumerateArray());
        Assert.Equal("tenant-a", connector.GetProperty("tenant_id").GetString());
        using var b = host.Tenant(SampleHostFactory.TenantBKey);
        Assert.Empty((await b.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=bound")).EnumerateArray());
    }

    [Fact]
    public async Task Start_sets_an_http_only_lax_binding_cookie()
    {
        using var a = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        using var start = await a.PostAsync("/api/connectors/carbonvoice/oauth/start?company_id=cookie", null);
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("cv_oauth_binding=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/connectors/carbonvoice/oauth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here; Secure over https
    }

    [Fact]
    public async Task An_authorization_link_completed_in_another_browser_is_refused()
    {
        // Tenant A starts an authorization and sends the link to a victim, who approves it with their own account in
        // their own browser (here tenant B's client, which never called /oauth/start): nothing is connected anywhere.
        using var a = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(a, "victim");
        using var victim = host.Tenant(SampleHostFactory.TenantBKey, followRedirects: false);
        using var response = await victim.GetAsync(callback);
        await AssertRefusedAsync(response, "Authorization started elsewhere");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cv_oauth_binding=;", StringComparison.Ordinal));
        Assert.Empty((await a.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=victim")).EnumerateArray());
        Assert.Empty((await victim.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=victim")).EnumerateArray());

        // The state is spent: the attacker's own browser cannot use it afterwards either.
        using var late = await a.GetAsync(callback);
        await AssertRefusedAsync(late, "Authorization already used");
    }

    [Fact]
    public async Task A_callback_with_a_different_browsers_cookie_is_refused()
    {
        using var a = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var callback = await host.AuthorizeAsync(a, "othercookie");
        using var other = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", "cv_oauth_binding=" + Pkce.CreateState());
        using var response = await other.SendAsync(request);
        await AssertRefusedAsync(response, "Authorization started elsewhere");
        Assert.Empty((await a.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=othercookie")).EnumerateArray());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 id=\"oauth-title\">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was connected", html, StringComparison.Ordinal);
    }
}
