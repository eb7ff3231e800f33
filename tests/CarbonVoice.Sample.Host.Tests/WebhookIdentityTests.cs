using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>Webhook payloads without subscribers, with unusable fields, and replays that were re-serialised.</summary>
public sealed class WebhookIdentityTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly SampleHostFactory _host = FakeRunner.CreateHost();

    public void Dispose() => _host.Dispose();

    private FakeRunner Runner => _host.Services.GetRequiredService<FakeRunner>();

    private string UserId => _host.Emulator.Data.Users[0].Id;

    [Theory]
    [InlineData("")]
    [InlineData("\"subscribedUserIds\":null,")]
    public async Task A_message_event_without_subscribed_users_is_answered_200_ignored_and_recorded(string subscribers)
    {
        await _host.ConnectAsync();
        var body = "{\"eventName\":\"message.created\"," + subscribers + "\"data\":{\"eventName\":\"message.created\",\"resourceType\":\"Message\",\"resourceId\":\"m1\",\"resource\":{\"id\":\"m1\",\"channel_id\":\"c1\",\"created_at\":\"2026-03-01T12:00:00Z\"}}}";

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", await StatusOf(response));
        Assert.True(await _host.Services.GetRequiredService<WebhookDeliveryLog>().ContainsAsync(KeyOf(body)));
        using var replay = await PostAsync(body);
        Assert.Equal("duplicate", await StatusOf(replay));
        Assert.Empty(Runner.Calls);
    }

    [Fact]
    public async Task An_access_token_event_without_subscribed_users_acts_on_its_resource_user()
    {
        var id = await _host.ConnectAsync();
        var body = "{\"eventName\":\"access_token.expired\",\"data\":{\"eventName\":\"access_token.expired\",\"resourceType\":\"User\",\"resourceId\":\"" + UserId + "\",\"resource\":{}}}";

        using var response = await PostAsync(body);

        Assert.Equal("processed", await StatusOf(response));
        Assert.True((await _host.Services.GetRequiredService<ITokenStore>().GetAsync(id))!.ExpiresAt <= DateTimeOffset.UtcNow);
        Assert.True(await _host.Services.GetRequiredService<WebhookDeliveryLog>().ContainsAsync(KeyOf(body)));
    }

    [Theory]
    [InlineData("{\"eventName\":\"message.created\",\"subscribedUserIds\":\"u1\",\"data\":{}}", "subscribedUserIds")]
    [InlineData("{\"eventName\":\"message.created\",\"subscribedUserIds\":[{\"id\":1}],\"data\":{}}", "subscribedUserIds")]
    [InlineData("{\"eventName\":\"message.created\",\"subscribedUserIds\":[],\"data\":[]}", "data")]
    [InlineData("{\"subscribedUserIds\":[],\"data\":{}}", "eventName")]
    public async Task An_unusable_payload_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var response = await PostAsync(body);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_same_event_re_serialised_is_processed_once()
    {
        var id = await _host.ConnectAsync();
        var compact = "{\"eventName\":\"message.finished\",\"subscribedUserIds\":[\"" + UserId + "\"],\"data\":{\"eventName\":\"message.finished\",\"resourceType\":\"Message\",\"resourceId\":\"m7\",\"resource\":{\"id\":\"m7\",\"channel_id\":\"c7\",\"last_updated_at\":\"2026-03-01T12:00:00Z\",\"status\":\"active\"}}}";
        var reserialised = "{\n  \"data\": {\n    \"resource\": { \"status\": \"active\", \"last_updated_at\": \"2026-03-01T12:00:00.000Z\", \"channel_id\": \"c7\", \"id\": \"m7\" },\n    \"resourceId\": \"m7\", \"resourceType\": \"Message\", \"eventName\": \"message.finished\"\n  },\n  \"eventName\": \"message.finished\",\n  \"subscribedUserIds\": [ \"" + UserId + "\" ],\n  \"delivery_attempt\": 2\n}";

        using var first = await PostAsync(compact);
        Assert.Equal("processed", await StatusOf(first));
        using var again = await PostAsync(reserialised);
        Assert.Equal("duplicate", await StatusOf(again));

        Assert.Single(Runner.Calls, c => c.ConnectorId == id && c.Kind == SyncKind.Delta);
    }

    [Fact]
    public async Task Concurrent_duplicate_deliveries_are_processed_exactly_once()
    {
        await _host.ConnectAsync();
        Runner.Hold();
        var bodies = Enumerable.Range(0, 24).Select(i =>
        {
            var resource = i % 2 == 0
                ? "{\"id\":\"m9\",\"channel_id\":\"c9\",\"last_updated_at\":\"2026-03-01T12:00:00Z\"}"
                : "{ \"last_updated_at\": \"2026-03-01T12:00:00+00:00\", \"channel_id\": \"c9\", \"id\": \"m9\" }";
            return "{\"eventName\":\"message.finished\",\"subscribedUserIds\":[\"" + UserId + "\"],\"data\":{\"resourceType\":\"Message\",\"resourceId\":\"m9\",\"resource\":" + resource + "}}";
        }).ToList();

        var responses = await Task.WhenAll(bodies.Select(body => Task.Run(async () =>
        {
            using var response = await PostAsync(body);
            return await StatusOf(response);
        })));
        Runner.Release();

        Assert.Single(responses, s => s == "processed");
        Assert.Equal(23, responses.Count(s => s == "duplicate"));
    }

    private static string KeyOf(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return CarbonVoiceWebhooks.GetDeliveryKey(CarbonVoiceWebhooks.Parse(bytes), bytes);
    }

    private static async Task<string?> StatusOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Secret", SampleHostFactory.WebhookSecret);
        return await client.SendAsync(request);
    }
}
