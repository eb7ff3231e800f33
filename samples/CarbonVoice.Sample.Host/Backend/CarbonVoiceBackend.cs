using System.Net;
using System.Security.Cryptography;
using CarbonVoice.Sample.Host.Configuration;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Backend;

/// <summary>
/// Which Carbon Voice the host talks to. With no <c>CARBONVOICE_CLIENT_ID</c> / <c>_CLIENT_SECRET</c> /
/// <c>_REDIRECT_URI</c> (nor their <c>CarbonVoice:*</c> keys) it embeds the emulator on a loopback port;
/// otherwise it talks to the configured service and nothing here is started.
/// </summary>
public sealed class CarbonVoiceBackend : IAsyncDisposable
{
    /// <summary>The OAuth client the emulator registers by default.</summary>
    public const string EmulatorClientId = "emulator-client";

    /// <summary>The secret of <see cref="EmulatorClientId"/>.</summary>
    public const string EmulatorClientSecret = "emulator-secret";

    private static readonly string[] RealServiceKeys =
    [
        "CARBONVOICE_CLIENT_ID", "CARBONVOICE_CLIENT_SECRET", "CARBONVOICE_REDIRECT_URI",
        "CarbonVoice:ClientId", "CarbonVoice:ClientSecret", "CarbonVoice:RedirectUri",
    ];

    private readonly EmulatorServer? _server;

    public CarbonVoiceBackend(IConfiguration configuration, IOptions<EmulatorSettings> settings, ILogger<CarbonVoiceBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        IsEmbedded = IsEmbeddedMode(configuration);
        WebhookHeaderName = First(configuration, "CARBONVOICE_WEBHOOK_HEADER", "CarbonVoice:Webhooks:HeaderName") ?? "X-Webhook-Secret";
        if (!IsEmbedded)
        {
            return;
        }

        var emulatorSettings = settings.Value;
        InProcess = emulatorSettings.InProcess;
        WebhookSecret = First(configuration, "CARBONVOICE_WEBHOOK_SECRET", "CarbonVoice:Webhooks:Secret")
            ?? emulatorSettings.WebhookSecret
            ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new EmulatorOptions
        {
            Seed = emulatorSettings.Seed,
            Users = emulatorSettings.Users,
            Workspaces = emulatorSettings.Workspaces,
            ConversationsPerWorkspace = emulatorSettings.ConversationsPerWorkspace,
            MessagesPerConversation = emulatorSettings.MessagesPerConversation,
            AutoApprove = emulatorSettings.AutoApprove,
        };
        options.Webhooks.HeaderName = WebhookHeaderName;
        options.Webhooks.HeaderValue = WebhookSecret;
        Emulator = new CarbonVoiceEmulator(options);
        if (InProcess)
        {
            ApiAddress = Emulator.BaseAddress;
        }
        else
        {
            // Kestrel on 127.0.0.1: the browser must be able to open the emulator's consent page.
            // Started synchronously because the SDK's options (its base address) depend on the port.
            _server = Emulator.StartServerAsync(emulatorSettings.Port).GetAwaiter().GetResult();
            ApiAddress = _server.BaseAddress;
        }

        logger.LogInformation(
            "No Carbon Voice credentials configured: using the embedded emulator at {Address} ({Workspaces} workspaces, {Conversations} conversations, {Messages} messages).",
            ApiAddress, Emulator.Data.Workspaces.Count, Emulator.Data.Conversations.Count, Emulator.Data.MessageCount);
    }

    /// <summary>True when the emulator is the back end.</summary>
    public bool IsEmbedded { get; }

    /// <summary>True when SDK calls are answered in-process (no socket).</summary>
    public bool InProcess { get; }

    /// <summary>The embedded emulator, or null against the real service.</summary>
    public CarbonVoiceEmulator? Emulator { get; }

    /// <summary>The emulator's address (Kestrel or in-process), or null against the real service.</summary>
    public Uri? ApiAddress { get; }

    /// <summary>The webhook header name both sides use.</summary>
    public string WebhookHeaderName { get; }

    /// <summary>In embedded mode, the webhook header value the emulator sends (never logged).</summary>
    public string? WebhookSecret { get; }

    /// <summary>Whether the configuration names real Carbon Voice credentials.</summary>
    /// <param name="configuration">The configuration.</param>
    public static bool IsEmbeddedMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return RealServiceKeys.All(key => string.IsNullOrWhiteSpace(configuration[key]));
    }

    /// <summary>The primary handler of the SDK's HTTP clients.</summary>
    public HttpMessageHandler CreatePrimaryHandler()
        => InProcess && Emulator is not null
            ? Emulator.CreateHandler()
            : new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AutomaticDecompression = DecompressionMethods.All };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    private static string? First(IConfiguration configuration, params string[] keys)
        => keys.Select(key => configuration[key]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
