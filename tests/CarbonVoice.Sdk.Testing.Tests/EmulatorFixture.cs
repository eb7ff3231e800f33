using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Helpers: an emulator on a fake clock, a client bound to a user's token, raw JSON reads.</summary>
internal static class Emu
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static (CarbonVoiceEmulator Emulator, FakeTimeProvider Time) Create(Action<EmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new EmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        return (new CarbonVoiceEmulator(options), time);
    }

    public static HttpClient Client(CarbonVoiceEmulator emulator, string? token = null)
    {
        var client = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A client of the control API (<c>/_emulator/...</c>): it sends the emulator's control key.</summary>
    public static HttpClient ControlClient(CarbonVoiceEmulator emulator)
    {
        var client = Client(emulator);
        client.DefaultRequestHeaders.Add("X-Emulator-Control-Key", emulator.ControlKey);
        return client;
    }

    public static HttpClient UserClient(CarbonVoiceEmulator emulator, int userIndex = 0)
        => Client(emulator, emulator.IssueTokens(emulator.Data.Users[userIndex].Id).AccessToken);

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<(int Status, JsonElement Body)> GetJson(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await Json(response));
    }

    public static async Task<(int Status, JsonElement Body)> PostJson(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await Json(response));
    }

    public static void AssertErrorBody(JsonElement body)
    {
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.True(Guid.TryParse(body.GetProperty("requestId").GetString(), out _));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("errmsg").GetString()));
    }
}
