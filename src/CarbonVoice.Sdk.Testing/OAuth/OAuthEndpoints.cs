using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The OAuth2 authorization server: metadata, authorize (consent page), token, revoke, userinfo, register.</summary>
internal static class OAuthEndpoints
{
    public const string DefaultScope = "identity profile:read channels:read channels:write";
    private static readonly string[] Scopes = ["admin", "identity", "profile:read", "profile:write", "channels:read", "channels:write", "channels:join", "mcp:read", "mcp:write"];

    public static void Register(Router router)
    {
        router.Add("GET", "/.well-known/oauth-authorization-server", false, Metadata);
        router.Add("GET", "/oauth/authorize", false, Authorize);
        router.Add("POST", "/oauth/authorize", false, Decide);
        router.Add("POST", "/oauth/token", false, OAuthTokenEndpoint.Token);
        router.Add("POST", "/oauth/revoke", false, OAuthTokenEndpoint.Revoke);
        router.Add("GET", "/oauth/userinfo", true, UserInfo);
        router.Add("POST", "/oauth/register", false, OAuthTokenEndpoint.RegisterClient);
    }

    private static void Metadata(RequestContext context)
    {
        var baseUrl = context.Request.BaseUrl;
        var w = context.Json();
        w.WriteStartObject();
        w.WriteString("issuer", baseUrl.TrimEnd('/'));
        w.WriteString("authorization_endpoint", baseUrl + "oauth/authorize");
        w.WriteString("token_endpoint", baseUrl + "oauth/token");
        w.WriteString("userinfo_endpoint", baseUrl + "oauth/userinfo");
        w.WriteString("revocation_endpoint", baseUrl + "oauth/revoke");
        w.WriteString("registration_endpoint", baseUrl + "oauth/register");
        WriteArray(w, "response_types_supported", "code");
        WriteArray(w, "response_modes_supported", "query");
        WriteArray(w, "grant_types_supported", "authorization_code", "refresh_token");
        WriteArray(w, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post", "none");
        WriteArray(w, "revocation_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post", "none");
        WriteArray(w, "code_challenge_methods_supported", "S256");
        WriteArray(w, "scopes_supported", Scopes);
        w.WriteEndObject();
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Authorize(RequestContext context)
    {
        var request = context.Request;
        var clientId = request.Query("client_id");
        var redirectUri = request.Query("redirect_uri");
        var client = FindClient(context.Emulator, clientId);
        if (client is null)
        {
            context.Text(400, "text/html; charset=utf-8", ConsentPage.ErrorPage("Unknown client_id."));
            return;
        }

        if (redirectUri is null && client.RedirectUris.Count == 1)
        {
            redirectUri = client.RedirectUris[0];
        }

        if (redirectUri is null || !IsAllowedRedirect(client, redirectUri))
        {
            context.Text(400, "text/html; charset=utf-8", ConsentPage.ErrorPage("The redirect_uri is not registered for this client."));
            return;
        }

        var state = request.Query("state");
        if (request.Query("response_type") != "code")
        {
            context.Redirect(WithQuery(redirectUri, ("error", "unsupported_response_type"), ("state", state)));
            return;
        }

        var challenge = request.Query("code_challenge");
        var method = request.Query("code_challenge_method");
        if (challenge is not null && method is not null and not "S256")
        {
            context.Redirect(WithQuery(redirectUri, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256"), ("state", state)));
            return;
        }

        var scope = NormalizeScope(request.Query("scope"));
        var options = context.Emulator.Options;
        var now = context.NowMs;
        if (options.AutoApprove)
        {
            var user = ResolveUser(context, options.AutoApproveUserId);
            var code = context.Emulator.Tokens.CreateCode(client.ClientId, request.Query("redirect_uri"), user, scope, challenge, now);
            context.Redirect(WithQuery(redirectUri, ("code", code), ("state", state)));
            return;
        }

        var pending = context.Emulator.Tokens.AddPending(client.ClientId, redirectUri, state, scope, challenge, now);
        UserRecord[] users;
        lock (context.Store.Sync)
        {
            users = [.. context.Store.Users];
        }

        // Remember whether redirect_uri was sent, so the token endpoint can require the same value.
        var explicitRedirect = request.Query("redirect_uri") is not null;
        context.Text(200, "text/html; charset=utf-8", ConsentPage.Render(client, pending, users, ResolveUser(context, options.AutoApproveUserId), explicitRedirect));
    }

    private static void Decide(RequestContext context)
    {
        var request = context.Request;
        var pending = context.Emulator.Tokens.TakePending(request.Form("request_id") ?? string.Empty, context.NowMs);
        if (pending is null)
        {
            context.Text(400, "text/html; charset=utf-8", ConsentPage.ErrorPage("This authorization request has expired or was already answered."));
            return;
        }

        if (request.Form("decision") != "approve")
        {
            context.Redirect(WithQuery(pending.RedirectUri, ("error", "access_denied"), ("state", pending.State)));
            return;
        }

        var user = ResolveUser(context, request.Form("user_id"));
        var boundRedirect = request.Form("explicit_redirect") == "false" ? null : pending.RedirectUri;
        var code = context.Emulator.Tokens.CreateCode(pending.ClientId, boundRedirect, user, pending.Scope, pending.CodeChallenge, context.NowMs);
        context.Redirect(WithQuery(pending.RedirectUri, ("code", code), ("state", pending.State)));
    }

    private static void UserInfo(RequestContext context)
    {
        var user = context.User;
        var w = context.Json();
        w.WriteStartObject();
        w.WriteString("sub", user.Id);
        w.WriteString("email", user.Email);
        w.WriteString("name", $"{user.FirstName} {user.LastName}");
        w.WriteString("given_name", user.FirstName);
        w.WriteString("family_name", user.LastName);
        w.WriteString("picture", user.ImageUrl);
        w.WriteEndObject();
    }

    internal static EmulatorClient? FindClient(CarbonVoiceEmulator emulator, string? clientId)
    {
        if (clientId is null)
        {
            return null;
        }

        lock (emulator.Options.Clients)
        {
            return emulator.Options.Clients.FirstOrDefault(c => c.ClientId == clientId);
        }
    }

    internal static bool IsAllowedRedirect(EmulatorClient client, string redirectUri)
    {
        if (client.RedirectUris.Contains(redirectUri))
        {
            return true;
        }

        return client.AllowLoopbackRedirects
            && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && (uri.Host is "127.0.0.1" or "localhost" or "[::1]")
            && string.IsNullOrEmpty(uri.Fragment);
    }

    private static UserRecord ResolveUser(RequestContext context, string? userId)
    {
        lock (context.Store.Sync)
        {
            return userId is not null && context.Store.UsersById.TryGetValue(userId, out var user) ? user : context.Store.Users[0];
        }
    }

    private static string NormalizeScope(string? scope)
        => string.IsNullOrWhiteSpace(scope) ? DefaultScope : string.Join(' ', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    internal static string WithQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
