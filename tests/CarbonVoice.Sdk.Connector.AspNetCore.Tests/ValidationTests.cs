using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore.Tests.Infrastructure;

namespace CarbonVoice.Sdk.Connector.AspNetCore.Tests;

/// <summary>Wrong input answers a validation problem that names the field and what it must be, in the package's words.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private const string Api = MinimalHost.Api;
    private MinimalHost _host = null!;
    private HttpClient _client = null!;
    private string _id = null!;

    public async Task InitializeAsync()
    {
        _host = await MinimalHost.StartAsync();
        _client = _host.Client();
        _id = await _host.ConnectAsync(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"name": 5}""", "name", "name must be a string.")]
    [InlineData("""{"enabled_entities": "message"}""", "enabled_entities", "enabled_entities must be an array of strings.")]
    [InlineData("""{"enabled_entities": [1]}""", "enabled_entities", "enabled_entities must be an array of strings.")]
    [InlineData("""[1, 2]""", "body", "The body must be a JSON object (name: a string, enabled_entities: an array of strings).")]
    public async Task A_PATCH_body_of_the_wrong_type_names_the_field_and_the_expected_type(string body, string field, string message)
    {
        using var response = await _client.PatchAsync($"{Api}/{_id}", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertValidationAsync(response, field, message);
    }

    [Fact]
    public async Task A_PATCH_without_a_body_says_what_to_send()
        => await AssertValidationAsync(await _client.PatchAsync($"{Api}/{_id}", null), "body", "Send name and/or enabled_entities.");

    [Fact]
    public async Task A_PATCH_body_of_whitespace_only_reads_as_no_body()
        => await AssertValidationAsync(
            await _client.PatchAsync($"{Api}/{_id}", new StringContent(" \r\n\t ", Encoding.UTF8, "application/json")), "body", "Send name and/or enabled_entities.");

    [Fact]
    public async Task A_sync_type_of_the_wrong_type_names_the_field()
    {
        using var response = await _client.PostAsync($"{Api}/{_id}/sync", new StringContent("""{"sync_type": 5}""", Encoding.UTF8, "application/json"));
        await AssertValidationAsync(response, "sync_type", "sync_type must be a string.");
    }

    [Fact]
    public async Task Purge_data_that_is_not_a_boolean_names_the_parameter_and_changes_nothing()
    {
        await AssertValidationAsync(await _client.DeleteAsync($"{Api}/{_id}?purge_data=yes"), "purge_data", "purge_data must be true or false (got 'yes').");
        Assert.Equal("connected", (await _client.GetFromJsonAsync<JsonElement>($"{Api}/{_id}")).GetProperty("connector_status").GetString());
    }

    [Theory]
    [InlineData("limit=abc", "limit", "limit must be an integer between 1 and 200 (got 'abc').")]
    [InlineData("limit=0", "limit", "limit must be an integer between 1 and 200 (got '0').")]
    [InlineData("entity_type=nope", "entity_type", "Unknown entity type 'nope'.")]
    public async Task Chunk_queries_of_the_wrong_type_or_value_name_the_parameter(string query, string field, string message)
        => await AssertValidationAsync(await _client.GetAsync($"{Api}/{_id}/chunks?{query}"), field, message);

    [Theory]
    [InlineData("limit=abc", "limit must be an integer between 1 and 100 (got 'abc').")]
    [InlineData("limit=101", "limit must be an integer between 1 and 100 (got '101').")]
    public async Task A_sync_history_limit_of_the_wrong_type_or_value_names_the_parameter_like_the_chunk_query(string query, string message)
        => await AssertValidationAsync(await _client.GetAsync($"{Api}/{_id}/sync?{query}"), "limit", message);

    [Fact]
    public async Task An_unknown_pillar_is_refused_like_an_unknown_entity_type()
    {
        var problem = await AssertValidationAsync(await _client.GetAsync($"{Api}/{_id}/chunks?pillar=nope"), "pillar", null);
        Assert.StartsWith("Unknown pillar 'nope'. Known: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("customer_health", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var known = await _client.GetAsync($"{Api}/{_id}/chunks?pillar=customer_health");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public async Task Enabling_no_entity_is_refused_and_the_enabled_entities_stay()
    {
        var before = (await _client.GetFromJsonAsync<JsonElement>($"{Api}/{_id}")).GetProperty("enabled_entities").GetArrayLength();
        using var response = await _client.PatchAsJsonAsync($"{Api}/{_id}", new { enabled_entities = Array.Empty<string>() });
        var problem = await AssertValidationAsync(response, "enabled_entities", null);
        Assert.StartsWith("enabled_entities must name at least one entity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await _client.GetFromJsonAsync<JsonElement>($"{Api}/{_id}")).GetProperty("enabled_entities").GetArrayLength());
    }

    [Theory]
    [InlineData("", "company_id is required: 1-64 letters, digits, '.', '_' or '-'.")]
    [InlineData("company_id=", "company_id is required: 1-64 letters, digits, '.', '_' or '-'.")]
    [InlineData("company_id=a%20b", "company_id is malformed: use 1-64 letters, digits, '.', '_' or '-'.")]
    public async Task A_missing_company_id_is_required_and_a_bad_one_is_malformed(string query, string message)
    {
        await AssertValidationAsync(await _client.GetAsync($"{Api}/?{query}"), "company_id", message);
        await AssertValidationAsync(await _client.PostAsync($"{Api}/oauth/start?{query}", null), "company_id", message);
    }

    [Fact]
    public async Task A_webhook_body_over_the_limit_is_413_stating_the_limit()
    {
        await _host.DisposeAsync();
        _host = await MinimalHost.StartAsync(o => o.MaxWebhookBodyBytes = 1024);
        using var anonymous = _host.Client(tenant: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = new StringContent(new string(' ', 2048), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Secret", MinimalHost.WebhookSecret);
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A webhook body is at most 1024 bytes.", problem.GetProperty("detail").GetString());
        Assert.Equal(1024, problem.GetProperty("max_body_bytes").GetInt32());
    }

    private static async Task<JsonElement> AssertValidationAsync(HttpResponseMessage response, string field, string? message)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var errors = problem.GetProperty("errors").GetProperty(field);
            if (message is not null)
            {
                Assert.Equal(message, errors[0].GetString());
                Assert.Equal(message, problem.GetProperty("detail").GetString());
            }

            var text = problem.GetRawText();
            foreach (var framework in new[] { "Failed to read parameter", "Failed to bind parameter", "Implicit body inferred", "Nullable`1", "System." })
            {
                Assert.DoesNotContain(framework, text, StringComparison.Ordinal);
            }

            return problem;
        }
    }
}
