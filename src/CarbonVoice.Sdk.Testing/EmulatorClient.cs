namespace CarbonVoice.Sdk.Testing;

/// <summary>An OAuth client (app) registered with the emulator.</summary>
public sealed class EmulatorClient
{
    /// <summary>The client id.</summary>
    public string ClientId { get; set; } = "emulator-client";

    /// <summary>The client secret; <see langword="null"/> makes a public client that authenticates with its id only.</summary>
    public string? ClientSecret { get; set; } = "emulator-secret";

    /// <summary>Display name shown on the consent page.</summary>
    public string Name { get; set; } = "Emulator App";

    /// <summary>Exact redirect URIs accepted at <c>/oauth/authorize</c>.</summary>
#pragma warning disable CA2227 // options are built with object initializers
    public IList<string> RedirectUris { get; set; } = ["http://localhost:8000/api/connectors/carbonvoice/oauth/callback"];
#pragma warning restore CA2227

    /// <summary>When true, any <c>http://127.0.0.1:*/...</c>, <c>http://localhost:*/...</c> or <c>http://[::1]:*/...</c> redirect URI is accepted too.</summary>
    public bool AllowLoopbackRedirects { get; set; } = true;

    /// <summary>When true, token responses have no <c>expires_in</c> (the client must read the JWT's <c>exp</c> or assume a lifetime).</summary>
    public bool OmitExpiresIn { get; set; }

    /// <summary>When true, a refresh answers without <c>refresh_token</c> and does not rotate: the old refresh token stays valid.</summary>
    public bool OmitRefreshToken { get; set; }

    /// <summary>
    /// When true, <c>/oauth/token</c> errors use the service's error body <c>{"success": false, "requestId", "errmsg"}</c>
    /// (same status codes: 400 for a refused grant, 401 for a bad client secret) instead of <c>{"error", "error_description"}</c>.
    /// A client id the emulator does not know always gets the RFC 6749 body.
    /// </summary>
    public bool ErrmsgErrors { get; set; }
}
