namespace CarbonVoice.Sdk;

/// <summary>
/// An authorization request ready to send the user to. Keep <see cref="State"/> and <see cref="CodeVerifier"/>
/// server-side (bound to the user's session) until the callback arrives; neither may reach the browser except
/// through <see cref="Url"/>.
/// </summary>
/// <param name="Url">The <c>/oauth/authorize</c> URL to redirect the user to.</param>
/// <param name="State">The <c>state</c> value the callback must echo.</param>
/// <param name="CodeVerifier">The PKCE verifier to pass to <see cref="IOAuthClient.ExchangeCodeAsync"/>, or null when PKCE is off.</param>
/// <param name="RedirectUri">The redirect URI the request names.</param>
public sealed record AuthorizationRequest(Uri Url, string State, string? CodeVerifier, Uri RedirectUri)
{
    /// <inheritdoc />
    public override string ToString() => $"AuthorizationRequest {{ Url = {Url.GetLeftPart(UriPartial.Path)}, RedirectUri = {RedirectUri} }}";
}
