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
}
