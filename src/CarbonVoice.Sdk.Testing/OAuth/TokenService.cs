using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Issues, validates, rotates and revokes every credential the emulator knows.</summary>
internal sealed class TokenService
{
    private static readonly string JwtHeader = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
    private readonly Lock _sync = new();
    private readonly Dictionary<string, AccessTokenRecord> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthCodeRecord> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserRecord> _apiKeys = new(StringComparer.Ordinal);
    private readonly EmulatorOptions _options;

    /// <summary>Credentials are drawn from a cryptographic RNG: the seed drives the data only, never a secret.</summary>
    public TokenService(EmulatorOptions options)
    {
        _options = options;
    }

    public AuthResult Authenticate(EmulatorRequest request, long nowMs)
    {
        var bearer = request.Bearer;
        lock (_sync)
        {
            if (bearer is not null)
            {
                if (!_access.TryGetValue(bearer, out var token))
                {
                    return new AuthResult(null, EmulatorAuthKind.None, null, null, "Invalid token");
                }

                if (token.Revoked || token.Grant?.Revoked == true)
                {
                    return new AuthResult(null, EmulatorAuthKind.None, null, null, "Token has been revoked");
                }

                if (nowMs >= token.ExpiresMs)
                {
                    return new AuthResult(null, EmulatorAuthKind.None, null, null, "jwt expired");
                }

                return new AuthResult(token.User, token.Kind, token.Token, token.ClientId, null);
            }

            if (request.ApiKey is { } key)
            {
                return _apiKeys.TryGetValue(key, out var user)
                    ? new AuthResult(user, EmulatorAuthKind.ApiKey, key, null, null)
                    : new AuthResult(null, EmulatorAuthKind.None, null, null, "Invalid API key");
            }
        }

        return new AuthResult(null, EmulatorAuthKind.None, null, null, "Unauthorized");
    }

    public IssuedTokens IssueForUser(UserRecord user, string clientId, string scope, long nowMs)
    {
        lock (_sync)
        {
            var grant = new GrantRecord { Id = NewSecret(9), User = user, ClientId = clientId, Scope = scope };
            return IssueLocked(grant, nowMs);
        }
    }

    public string CreatePersonalAccessToken(UserRecord user)
    {
        lock (_sync)
        {
            var token = "cv_pat_" + NewSecret(24);
            _access.Add(token, new AccessTokenRecord { Token = token, User = user, Kind = EmulatorAuthKind.PersonalAccessToken });
            return token;
        }
    }

    public string CreateApiKey(UserRecord user)
    {
        lock (_sync)
        {
            var key = "cv_key_" + NewSecret(24);
            _apiKeys.Add(key, user);
            return key;
        }
    }

    public PendingAuthorization AddPending(string clientId, string redirectUri, string? state, string scope, string? challenge, long nowMs)
    {
        lock (_sync)
        {
            var pending = new PendingAuthorization(NewSecret(12), clientId, redirectUri, state, scope, challenge, nowMs + (long)_options.AuthorizationCodeLifetime.TotalMilliseconds);
            _pending[pending.Id] = pending;
            return pending;
        }
    }

    public PendingAuthorization? TakePending(string id, long nowMs)
    {
        lock (_sync)
        {
            return _pending.Remove(id, out var pending) && nowMs < pending.ExpiresMs ? pending : null;
        }
    }

    public string CreateCode(string clientId, string? redirectUri, UserRecord user, string scope, string? challenge, long nowMs)
    {
        lock (_sync)
        {
            var code = NewSecret(24);
            _codes.Add(code, new AuthCodeRecord
            {
                Code = code,
                ClientId = clientId,
                RedirectUri = redirectUri,
                User = user,
                Scope = scope,
                CodeChallenge = challenge,
                ExpiresMs = nowMs + (long)_options.AuthorizationCodeLifetime.TotalMilliseconds,
            });
            return code;
        }
    }

    /// <summary>Exchanges a code; returns an error description on failure (all are <c>invalid_grant</c>).</summary>
    public (IssuedTokens? Tokens, string? Error) RedeemCode(string code, string clientId, string? redirectUri, string? verifier, long nowMs)
    {
        lock (_sync)
        {
            if (!_codes.TryGetValue(code, out var record))
            {
                return (null, "Unknown authorization code");
            }

            if (record.Used)
            {
                // RFC 6749 §4.1.2: a reused code revokes what it issued.
                if (record.IssuedGrant is not null)
                {
                    record.IssuedGrant.Revoked = true;
                }

                return (null, "Authorization code has already been used");
            }

            if (nowMs >= record.ExpiresMs)
            {
                return (null, "Authorization code has expired");
            }

            if (record.ClientId != clientId)
            {
                return (null, "Authorization code was issued to another client");
            }

            if (record.RedirectUri is not null && record.RedirectUri != redirectUri)
            {
                return (null, "redirect_uri does not match the one used at authorization");
            }

            if (record.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(verifier))
                {
                    return (null, "code_verifier is required");
                }

                if (!Pkce.Verify(verifier, record.CodeChallenge))
                {
                    return (null, "PKCE verification failed");
                }
            }

            record.Used = true;
            var grant = new GrantRecord { Id = NewSecret(9), User = record.User, ClientId = clientId, Scope = record.Scope };
            record.IssuedGrant = grant;
            return (IssueLocked(grant, nowMs), null);
        }
    }

    /// <summary>Exchanges a refresh token; <paramref name="rotate"/> revokes it and issues a new one, else it stays valid and none is issued.</summary>
    public (IssuedTokens? Tokens, string? Error) Refresh(string refreshToken, string clientId, long nowMs, bool rotate)
    {
        lock (_sync)
        {
            if (!_refresh.TryGetValue(refreshToken, out var record))
            {
                return (null, "Invalid refresh token");
            }

            if (record.Revoked || record.Grant.Revoked)
            {
                return (null, "Refresh token has been revoked");
            }

            if (nowMs >= record.ExpiresMs)
            {
                return (null, "Refresh token has expired");
            }

            if (record.Grant.ClientId != clientId)
            {
                return (null, "Refresh token was issued to another client");
            }

            record.Revoked = rotate;
            return (IssueLocked(record.Grant, nowMs, withRefreshToken: rotate), null);
        }
    }

    /// <summary>RFC 7009: revokes an access or refresh token (a refresh token takes its whole grant with it).</summary>
    public void Revoke(string token, string clientId)
    {
        lock (_sync)
        {
            if (_refresh.TryGetValue(token, out var refresh) && refresh.Grant.ClientId == clientId)
            {
                refresh.Revoked = true;
                refresh.Grant.Revoked = true;
            }
            else if (_access.TryGetValue(token, out var access) && access.ClientId == clientId)
            {
                access.Revoked = true;
            }
        }
    }

    public bool ExpireAccessToken(string token, long nowMs)
    {
        lock (_sync)
        {
            if (!_access.TryGetValue(token, out var record))
            {
                return false;
            }

            record.ExpiresMs = nowMs;
            return true;
        }
    }

    public bool RevokeRefreshToken(string token)
    {
        lock (_sync)
        {
            if (!_refresh.TryGetValue(token, out var record))
            {
                return false;
            }

            record.Revoked = true;
            return true;
        }
    }

    private IssuedTokens IssueLocked(GrantRecord grant, long nowMs, bool withRefreshToken = true)
    {
        var expires = nowMs + (long)_options.AccessTokenLifetime.TotalMilliseconds;
        var access = CreateJwt(grant, nowMs, expires);
        _access.Add(access, new AccessTokenRecord
        {
            Token = access,
            User = grant.User,
            Kind = EmulatorAuthKind.OAuth,
            Grant = grant,
            ClientId = grant.ClientId,
            Scope = grant.Scope,
            ExpiresMs = expires,
        });
        if (!withRefreshToken)
        {
            return new IssuedTokens(access, null, expires, grant.Scope);
        }

        var refresh = NewSecret(32);
        _refresh.Add(refresh, new RefreshTokenRecord
        {
            Token = refresh,
            Grant = grant,
            ExpiresMs = nowMs + (long)_options.RefreshTokenLifetime.TotalMilliseconds,
        });
        return new IssuedTokens(access, refresh, expires, grant.Scope);
    }

    private string CreateJwt(GrantRecord grant, long nowMs, long expiresMs)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", grant.User.Id);
            writer.WriteString("client_id", grant.ClientId);
            writer.WriteString("scope", grant.Scope);
            writer.WriteNumber("iat", nowMs / 1000);
            writer.WriteNumber("exp", expiresMs / 1000);
            writer.WriteString("iss", "carbonvoice-emulator");
            writer.WriteString("jti", NewSecret(12));
            writer.WriteEndObject();
        }

        Span<byte> signature = stackalloc byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(signature);
        return $"{JwtHeader}.{Base64Url.EncodeToString(buffer.WrittenSpan)}.{Base64Url.EncodeToString(signature)}";
    }

    private string NewSecret(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }
}
