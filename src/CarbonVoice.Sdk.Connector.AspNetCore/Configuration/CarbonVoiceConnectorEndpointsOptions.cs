namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Settings of the connector's routes (<c>AddCarbonVoiceConnectorEndpoints(o => ...)</c>, or a configuration section).</summary>
public sealed class CarbonVoiceConnectorEndpointsOptions
{
    /// <summary>The SQLite file of the default stores, relative to the content root unless absolute.</summary>
    public string DatabasePath { get; set; } = "carbonvoice-connector.db";

    /// <summary>The claim <see cref="ClaimsTenantResolver"/> reads the tenant id from (default <see cref="TenantClaims.TenantId"/>).</summary>
    public string TenantClaimType { get; set; } = TenantClaims.TenantId;

    /// <summary>How long an OAuth <c>state</c> stays valid.</summary>
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Build the OAuth redirect URI from the address the server listens on (plus the callback route) instead of
    /// <c>CarbonVoice:RedirectUri</c>: for a development host on the embedded emulator, whose port is not known in advance.
    /// </summary>
    public bool UseServerAddressForRedirectUri { get; set; }

    /// <summary>Where the browser goes after a successful OAuth callback (<c>?connected={id}</c> is appended).</summary>
    public string OAuthReturnUrl { get; set; } = "/";


    /// <summary>Whether a successful sync is followed by an ingestion (so chunks appear without a second click).</summary>
    public bool IngestAfterSync { get; set; } = true;

    /// <summary>How long an identical webhook delivery is remembered (replays inside it are processed once).</summary>
    public TimeSpan WebhookReplayWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest webhook body accepted, in bytes (larger ones answer 413, naming this limit).</summary>
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a sync or ingestion start waits for the run to be recorded before answering 503.</summary>
    public TimeSpan RunStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the host, at start-up, resumes the syncs and ingestions a previous process left unfinished (killed, or
    /// stopped while they ran): it waits for their leases to lapse, marks them interrupted and runs them again from their
    /// checkpoints. On by default.
    /// </summary>
    public bool ResumeInterruptedRuns { get; set; } = true;

    /// <summary>What <c>GET /info</c> reports as the back end (<c>carbonvoice</c>, or <c>emulator</c> for a host that embeds one).</summary>
    public string BackendName { get; set; } = "carbonvoice";

    /// <summary>What <c>GET /info</c> reports as the authorization server a browser opens (a host embedding the emulator sets it); null otherwise.</summary>
    public Uri? AuthorizationServer { get; set; }
}
