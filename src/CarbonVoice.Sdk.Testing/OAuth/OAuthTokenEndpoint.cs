using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary><c>/oauth/token</c>, <c>/oauth/revoke</c> and dynamic client registration.</summary>
internal static class OAuthTokenEndpoint
{
    public static void Token(RequestContext context)
    {
        if (!TryAuthenticateClient(context, out var client, errmsgErrors: true))
        {
            return;
        }

        var request = context.Request;
        var tokens = context.Emulator.Tokens;
        var now = context.NowMs;
        (IssuedTokens? Tokens, string? Error) result;
        switch (request.Form("grant_type"))
        {
            case "authorization_code":
                var code = request.Form("code");
                if (string.IsNullOrEmpty(code))
                {
                    Fail(context, client, 400, "invalid_request", "code is required");
                    return;
                }

                result = tokens.RedeemCode(code, client.ClientId, request.Form("redirect_uri"), request.Form("code_verifier"), now);
                break;
            case "refresh_token":
                var refresh = request.Form("refresh_token");
                if (string.IsNullOrEmpty(refresh))
                {
                    Fail(context, client, 400, "invalid_request", "refresh_token is required");
                    return;
                }

                result = tokens.Refresh(refresh, client.ClientId, now, rotate: !client.OmitRefreshToken);
                break;
            case null or "":
                Fail(context, client, 400, "invalid_request", "grant_type is required");
                return;
            default:
                Fail(context, client, 400, "unsupported_grant_type", "Only authorization_code and refresh_token are supported");
                return;
        }

        if (result.Tokens is not { } issued)
        {
            Fail(context, client, 400, "invalid_grant", result.Error ?? "Invalid grant");
            return;
        }

        context.Response.AddHeader("Cache-Control", "no-store");
        context.Response.AddHeader("Pragma", "no-cache");
        var w = context.Json();
        w.WriteStartObject();
        w.WriteString("access_token", issued.AccessToken);
        if (issued.RefreshToken is { } refreshToken)
        {
            w.WriteString("refresh_token", refreshToken);
        }

        w.WriteString("token_type", "Bearer");
        if (!client.OmitExpiresIn)
        {
            w.WriteNumber("expires_in", (long)context.Emulator.Options.AccessTokenLifetime.TotalSeconds);
        }

        w.WriteString("scope", issued.Scope);
        w.WriteEndObject();
    }

    /// <summary>A token-endpoint error: RFC 6749 <c>{"error", "error_description"}</c>, or the service's error body for an <see cref="EmulatorClient.ErrmsgErrors"/> client.</summary>
    private static void Fail(RequestContext context, EmulatorClient? client, int status, string error, string description)
    {
        if (client?.ErrmsgErrors == true)
        {
            context.Error(status, description);
            context.Response.AddHeader("Cache-Control", "no-store");
        }
        else
        {
            context.OAuthError(status, error, description);
        }
    }

    public static void Revoke(RequestContext context)
    {
        if (!TryAuthenticateClient(context, out var client, errmsgErrors: false))
        {
            return;
        }

        var token = context.Request.Form("token");
        if (string.IsNullOrEmpty(token))
        {
            context.OAuthError(400, "invalid_request", "token is required");
            return;
        }

        context.Emulator.Tokens.Revoke(token, client.ClientId);
        var w = context.Json();
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>RFC 7591 dynamic registration: <c>{"redirect_uris": [...], "client_name"?, "token_endpoint_auth_method"?}</c>.</summary>
    public static void RegisterClient(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var redirects = root.GetStrings("redirect_uris");
            if (redirects is null || redirects.Count == 0)
            {
                context.OAuthError(400, "invalid_redirect_uri", "redirect_uris is required");
                return;
            }

            var isPublic = root.GetString("token_endpoint_auth_method") == "none";
            string clientId;
            lock (context.Store.Sync)
            {
                clientId = "client_" + context.Store.NewId(16);
            }

            var client = new EmulatorClient
            {
                ClientId = clientId,
                ClientSecret = isPublic ? null : "secret_" + Guid.NewGuid().ToString("N"),
                Name = root.GetString("client_name") ?? clientId,
                RedirectUris = redirects,
                AllowLoopbackRedirects = false,
            };
            lock (context.Emulator.Options.Clients)
            {
                context.Emulator.Options.Clients.Add(client);
            }

            var w = context.Json(201);
            w.WriteStartObject();
            w.WriteString("client_id", client.ClientId);
            w.WriteStringOrNull("client_secret", client.ClientSecret);
            w.WriteString("client_name", client.Name);
            w.WriteStartArray("redirect_uris");
            foreach (var uri in redirects)
            {
                w.WriteStringValue(uri);
            }

            w.WriteEndArray();
            w.WriteString("token_endpoint_auth_method", isPublic ? "none" : "client_secret_basic");
            w.WriteNumber("client_id_issued_at", context.NowMs / 1000);
            w.WriteEndObject();
        }
    }

    /// <summary>Client authentication by HTTP Basic or form fields; 401 <c>invalid_client</c> on failure (in the client's error form when <paramref name="errmsgErrors"/>).</summary>
    private static bool TryAuthenticateClient(RequestContext context, out EmulatorClient client, bool errmsgErrors)
    {
        var request = context.Request;
        string? clientId = null;
        string? secret = null;
        var basic = string.Equals(request.AuthorizationScheme, "Basic", StringComparison.OrdinalIgnoreCase);
        if (basic && request.AuthorizationParameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
                    secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
                }
            }
            catch (FormatException)
            {
            }
        }
        else
        {
            clientId = request.Form("client_id");
            secret = request.Form("client_secret");
        }

        client = OAuthEndpoints.FindClient(context.Emulator, clientId)!;
        var ok = client is not null && (client.ClientSecret is null || string.Equals(client.ClientSecret, secret, StringComparison.Ordinal));
        if (!ok)
        {
            Fail(context, errmsgErrors ? client : null, 401, "invalid_client", client is null ? "Unknown client" : "Client authentication failed");
            if (basic)
            {
                context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"carbonvoice\"");
            }

            return false;
        }

        return true;
    }
}
