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

    /// <summary>The three settings of the real service (environment name, configuration key): all or none.</summary>
    private static readonly (string Variable, string Key)[] RealServiceSettings =
    [
        ("CARBONVOICE_CLIENT_ID", "CarbonVoice:ClientId"),
        ("CARBONVOICE_CLIENT_SECRET", "CarbonVoice:ClientSecret"),
        ("CARBONVOICE_REDIRECT_URI", "CarbonVoice:RedirectUri"),
    ];

    private readonly int _port;
    private EmulatorServer? _server;
    private Uri? _apiAddress;

    /// <summary>Reads the settings; in embedded mode creates the emulator (its server is started by <see cref="StartAsync"/>).</summary>
    public CarbonVoiceBackend(IConfiguration configuration, IOptions<EmulatorSettings> settings, ILogger<CarbonVoiceBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        _logger = logger;
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
        _port = emulatorSettings.Port;
        if (InProcess)
        {
            _apiAddress = Emulator.BaseAddress;
            LogEmbedded();
        }

        // Otherwise the emulator's Kestrel is started (awaited) by Program before the host starts: no blocking here.
    }

    private readonly ILogger<CarbonVoiceBackend> _logger;

    /// <summary>
    /// Starts the emulator's loopback server (embedded, not in-process); a no-op otherwise or when started. Program
    /// awaits it before the host starts, since the SDK's options (validated on start) need the port.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Emulator is null || InProcess || _server is not null)
        {
            return;
        }

        // Kestrel on 127.0.0.1: the browser must be able to open the emulator's consent page.
        _server = await Emulator.StartServerAsync(_port, cancellationToken);
        _apiAddress = _server.BaseAddress;
        LogEmbedded();
    }

    private void LogEmbedded()
        => _logger.LogInformation(
            "No Carbon Voice credentials configured: using the embedded emulator at {Address} ({Workspaces} workspaces, {Conversations} conversations, {Messages} messages).",
            _apiAddress, Emulator!.Data.Workspaces.Count, Emulator.Data.Conversations.Count, Emulator.Data.MessageCount);

    /// <summary>True when the emulator is the back end.</summary>
    public bool IsEmbedded { get; }

    /// <summary>True when SDK calls are answered in-process (no socket).</summary>
    public bool InProcess { get; }

    /// <summary>The embedded emulator, or null against the real service.</summary>
    public CarbonVoiceEmulator? Emulator { get; }

    /// <summary>The emulator's address (Kestrel or in-process), or null against the real service.</summary>
    /// <exception cref="InvalidOperationException">The emulator's server has not been started yet.</exception>
    public Uri? ApiAddress => Emulator is null
        ? null
        : _apiAddress ?? throw new InvalidOperationException("The embedded emulator has not started yet: await CarbonVoiceBackend.StartAsync before the host starts (Program does).");

    /// <summary>The webhook header name both sides use.</summary>
    public string WebhookHeaderName { get; }

    /// <summary>In embedded mode, the webhook header value the emulator sends (never logged).</summary>
    public string? WebhookSecret { get; }

    /// <summary>
    /// True when the configuration names none of the real service's client id, secret and redirect URI (the emulator
    /// is embedded); false when it names all three.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <exception cref="InvalidOperationException">Only some of the three are set; the message names the missing ones.</exception>
    public static bool IsEmbeddedMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var missing = RealServiceSettings
            .Where(s => string.IsNullOrWhiteSpace(configuration[s.Variable]) && string.IsNullOrWhiteSpace(configuration[s.Key]))
            .ToList();
        if (missing.Count == RealServiceSettings.Length)
        {
            return true;
        }

        if (missing.Count == 0)
        {
            return false;
        }

        throw new HostConfigurationException(
            "The real Carbon Voice service needs CARBONVOICE_CLIENT_ID, CARBONVOICE_CLIENT_SECRET and CARBONVOICE_REDIRECT_URI together "
            + $"(or CarbonVoice:ClientId / ClientSecret / RedirectUri); missing: {string.Join(", ", missing.Select(m => $"{m.Variable} ({m.Key})"))}. "
            + "Set all three, or none to use the embedded emulator.");
    }

    /// <summary>The primary handler of the SDK's HTTP clients.</summary>
    public HttpMessageHandler CreatePrimaryHandler()
        => InProcess && Emulator is not null
            ? Emulator.CreateHandler()
            : new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AutomaticDecompression = DecompressionMethods.All };

    /// <inheritdoc />
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
