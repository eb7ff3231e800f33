namespace CarbonVoice.Sdk.Testing;

/// <summary>Configures a <see cref="CarbonVoiceEmulator"/>: generated data, OAuth, rate limits, quirks, faults and webhooks.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Seed of the deterministic data generator and of fault decisions. Same seed, same data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of generated workspaces.</summary>
    public int Workspaces { get; set; } = 3;

    /// <summary>Number of generated conversations in each workspace.</summary>
    public int ConversationsPerWorkspace { get; set; } = 5;

    /// <summary>Number of generated messages in each non-empty conversation (the fourth conversation of each workspace is left empty).</summary>
    public int MessagesPerConversation { get; set; } = 40;

    /// <summary>Number of generated users.</summary>
    public int Users { get; set; } = 4;

    /// <summary>Clock of the emulator: token expiry, rate limits, timestamps of writes, transcript delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Latest generated timestamp; defaults to the time provider's current time.</summary>
    public DateTimeOffset? DataEnd { get; set; }

    /// <summary>Lifetime of issued OAuth access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of issued OAuth refresh tokens.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of OAuth authorization codes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Registered OAuth clients. Defaults to one client, <c>emulator-client</c> / <c>emulator-secret</c>.</summary>
#pragma warning disable CA2227 // options are built with object initializers
    public IList<EmulatorClient> Clients { get; set; } = [new EmulatorClient()];
#pragma warning restore CA2227

    /// <summary>When true, <c>/oauth/authorize</c> redirects at once with a code instead of showing the consent page.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>User approved by <see cref="AutoApprove"/> and preselected on the consent page; defaults to the first user.</summary>
    public string? AutoApproveUserId { get; set; }

    /// <summary>Token-bucket rate limiting per credential.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Reproduction of the real service's known oddities (transcript delay, reactions bumping <c>updated_at</c>, 502 bursts).</summary>
    public QuirkOptions Quirks { get; set; } = new();

    /// <summary>
    /// Re-delivery window of the v6 feeds: the first date-anchored <c>direction=newer</c> page starts this long before
    /// <c>date</c>, and the last <c>newer</c> page's <c>next_cursor</c> resumes this long before its last row.
    /// </summary>
    public TimeSpan FeedRedelivery { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Most rows a page of the v6 feeds holds, below the <c>limit</c> asked (at most 200): PhononX's clients never stop on a
    /// short v6 page and follow <c>has_more</c> instead, so the emulator serves short pages to hold clients to that.
    /// 150 by default; null serves exactly <c>limit</c> rows.
    /// </summary>
    public int? FeedPageCap { get; set; } = 150;

    /// <summary>Most rows a page of <c>/v3/messages/recent</c>, <c>/v3/messages/notified</c> or <c>/v3/messages/{channel}/by-id</c> holds, whatever limit is asked (the real service caps below the limit too).</summary>
    public int V3PageCap { get; set; } = 37;

    /// <summary>
    /// How long a signed attachment URL (<c>GET /attachments/signedurl/{id}</c>, the bulk route) stays valid, on the
    /// emulator's clock; afterwards its download answers 403 "Request has expired". 15 minutes by default.
    /// </summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Faults injected from the start (they can also be changed later through <see cref="CarbonVoiceEmulator.Faults"/>).</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>Webhook delivery settings.</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// The key the HTTP control API requires in the <c>X-Emulator-Control-Key</c> header; null (the default) makes a random
    /// one at start (<see cref="CarbonVoiceEmulator.ControlKey"/>). Control requests without it answer 401.
    /// </summary>
    public string? ControlKey { get; set; }

    /// <summary>Base address of the in-process mode, also used for absolute URLs in generated data.</summary>
    public Uri BaseAddress { get; set; } = new("http://carbonvoice.emulator/");
}
