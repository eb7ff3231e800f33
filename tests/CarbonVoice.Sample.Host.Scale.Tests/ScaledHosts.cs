extern alias worker;

using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Testing;
using worker::CarbonVoice.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CarbonVoice.Sample.Host.Scale.Tests;

/// <summary>
/// Host instances over one PostgreSQL schema (and, in queue mode, one Azurite queue with an in-test worker host), all calling
/// one emulator on a loopback port as "the real service" (no embedded emulator per host), sharing one Data Protection key ring.
/// </summary>
public sealed class ScaledHosts : IAsyncDisposable
{
    public const string TenantKey = "dev-key-tenant-a";
    public const string WebhookSecret = "scale-webhook-secret";
    private readonly string _id = Guid.NewGuid().ToString("N")[..16];
    private readonly List<HostInstance> _hosts = [];
    private IHost? _worker;

    private ScaledHosts(CarbonVoiceEmulator emulator, EmulatorServer server, bool queued)
    {
        Emulator = emulator;
        Server = server;
        Queued = queued;
        Directory.CreateDirectory(KeysPath);
    }

    public CarbonVoiceEmulator Emulator { get; }

    public EmulatorServer Server { get; }

    public bool Queued { get; }

    public string Schema => "host_" + _id;

    public string QueueName => "host-" + _id;

    public string KeysPath => Path.Combine(Path.GetTempPath(), "cv-host-scale-" + _id);

    public IReadOnlyList<HostInstance> Hosts => _hosts;

    public static async Task<ScaledHosts> StartAsync(int hosts, bool queued)
    {
        var options = new EmulatorOptions { Seed = 21, Users = 2, Workspaces = 1, ConversationsPerWorkspace = 3, MessagesPerConversation = 6 };
        options.RateLimit.Enabled = false;
        var emulator = new CarbonVoiceEmulator(options);
        var server = await emulator.StartServerAsync();
        var scaled = new ScaledHosts(emulator, server, queued);
        for (var i = 0; i < hosts; i++)
        {
            var host = new HostInstance(scaled.Settings());
            _ = host.Services; // build and start it
            scaled._hosts.Add(host);
        }

        if (queued)
        {
            scaled._worker = scaled.StartWorker();
            await scaled._worker.StartAsync();
        }

        return scaled;
    }

    /// <summary>A connector of tenant-a for the emulator's first user, created as the OAuth callback would (record, then token).</summary>
    public async Task<string> ConnectAsync()
    {
        var services = _hosts[0].Services;
        var user = Emulator.Data.Users[0];
        var id = ConnectorRecord.NewId();
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<ConnectorRepository>().InsertAsync(new ConnectorRecord
        {
            Id = id,
            TenantId = "tenant-a",
            CompanyId = "acme",
            Name = "Carbon Voice",
            Status = ConnectorStatuses.Connected,
            ExternalUserId = user.Id,
            EnabledEntities = [.. CarbonVoiceEntities.DefaultEnabled],
            CreatedAt = now,
            UpdatedAt = now,
        });
        var issued = Emulator.IssueTokens(user.Id);
        await services.GetRequiredService<ITokenStore>().SetAsync(id, new CarbonVoiceToken { AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt });
        return id;
    }

    /// <summary>The runs of a connector, newest first, as the shared store holds them.</summary>
    public Task<IReadOnlyList<SyncRun>> RunsAsync(string connectorId)
        => _hosts[0].Services.GetRequiredService<ISyncStateStore>().ListRunsAsync("tenant-a", connectorId, 100);

    /// <summary>Polls until no run of the connector is running and (queue mode) the queue is empty, twice in a row.</summary>
    public async Task WaitUntilQuietAsync(string connectorId, int minimumRuns)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var quiet = 0;
        while (quiet < 2)
        {
            var runs = await RunsAsync(connectorId);
            var queueEmpty = !Queued || await QueueLengthAsync() == 0;
            quiet = runs.Count >= minimumRuns && runs.All(r => r.Status != SyncRunStatus.Running) && queueEmpty ? quiet + 1 : 0;
            await Task.Delay(100, deadline.Token);
        }
    }

    public static string MessageWebhook(string userId, string conversationId, string messageId)
        => "{\"eventName\":\"message.created\",\"subscribedUserIds\":[\"" + userId + "\"],\"data\":{\"eventName\":\"message.created\",\"resourceType\":\"Message\",\"resourceId\":\""
            + messageId + "\",\"resource\":{\"id\":\"" + messageId + "\",\"channel_id\":\"" + conversationId + "\",\"creator_id\":\"" + userId + "\",\"created_at\":\"2026-02-03T09:00:00Z\"}}}";

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(TestServers.Require(TestServers.PostgreSqlVariable)))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (Queued)
        {
            var azurite = TestServers.Require(TestServers.AzuriteVariable);
            await new Azure.Storage.Queues.QueueClient(azurite, QueueName).DeleteIfExistsAsync();
            await new Azure.Storage.Queues.QueueClient(azurite, QueueName + "-poison").DeleteIfExistsAsync();
        }

        try
        {
            Directory.Delete(KeysPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<int> QueueLengthAsync()
    {
        var queue = new Azure.Storage.Queues.QueueClient(TestServers.Require(TestServers.AzuriteVariable), QueueName);
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    private Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = TestServers.Require(TestServers.PostgreSqlVariable),
        ["Storage:Schema"] = Schema,
        ["Queue:Provider"] = Queued ? "AzureStorage" : "InProcess",
        ["Queue:ConnectionString"] = Queued ? TestServers.Require(TestServers.AzuriteVariable) : null,
        ["Queue:QueueName"] = QueueName,
        ["Sample:DataProtectionKeysPath"] = KeysPath,
        ["Sample:ResumeInterruptedRuns"] = "false",
        ["CARBONVOICE_CLIENT_ID"] = "emulator-client",
        ["CARBONVOICE_CLIENT_SECRET"] = "emulator-secret",
        ["CARBONVOICE_REDIRECT_URI"] = "http://localhost/api/connectors/carbonvoice/oauth/callback",
        ["CARBONVOICE_BASE_URL"] = Server.BaseAddress.ToString(),
        ["CARBONVOICE_WEBHOOK_SECRET"] = WebhookSecret,
    };

    private IHost StartWorker()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CarbonVoice"] = TestServers.Require(TestServers.PostgreSqlVariable),
            ["ConnectionStrings:Queue"] = TestServers.Require(TestServers.AzuriteVariable),
            ["PostgreSql:Schema"] = Schema,
            ["Queue:QueueName"] = QueueName,
            ["Queue:MinPollInterval"] = "00:00:00.050",
            ["Queue:MaxPollInterval"] = "00:00:00.200",
            ["Worker:DataProtectionKeysPath"] = KeysPath,
            ["Worker:LeaseDuration"] = "00:00:10",
            ["Jobs:BusyRetryDelay"] = "00:00:00.500",
            ["CarbonVoice:BaseAddress"] = Server.BaseAddress.ToString(),
            ["CarbonVoice:ClientId"] = "emulator-client",
            ["CarbonVoice:ClientSecret"] = "emulator-secret",
        });
        builder.Services.AddCarbonVoiceWorker(builder.Configuration);
        return builder.Build();
    }

    /// <summary>One host instance on a TestServer.</summary>
    public sealed class HostInstance(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public HttpClient Tenant()
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", TenantKey);
            return client;
        }

        public async Task<HttpResponseMessage> PostWebhookAsync(string body)
        {
            using var client = CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/connectors/carbonvoice/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Webhook-Secret", WebhookSecret);
            return await client.SendAsync(request);
        }

        public async Task<WebSocket> OpenProgressAsync()
        {
            using var client = Tenant();
            using var ticket = await client.PostAsync("/api/connectors/carbonvoice/progress/tickets", null);
            ticket.EnsureSuccessStatusCode();
            var url = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
            return await Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + url), CancellationToken.None);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sample:ReadDotEnv", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
