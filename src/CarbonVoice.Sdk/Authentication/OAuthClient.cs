using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk;

/// <summary>
/// The default <see cref="IOAuthClient"/>. Endpoints come from the server metadata document when the server
/// publishes one (cached with the SDK's <see cref="TimeProvider"/>), otherwise from the base address.
/// Members are virtual so tests can override them.
/// </summary>
public class OAuthClient : IOAuthClient
{
    /// <summary>The lifetime assumed for an access token when the response gives no <c>expires_in</c> and the token is not a JWT with <c>exp</c>.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly Func<HttpClient> _http;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _metadataGate = new(1, 1);
    private volatile CachedMetadata? _metadata;

    /// <summary>For mocking.</summary>
    protected OAuthClient()
    {
        _http = null!;
        _options = null!;
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>Creates the client over an <see cref="HttpClient"/> (for use without dependency injection).</summary>
    /// <param name="httpClient">The HTTP client; its handlers must not add credentials.</param>
    /// <param name="options">The SDK options.</param>
    /// <param name="timeProvider">The clock used for token expiry and the metadata cache.</param>
    /// <param name="logger">A logger; tokens, codes and secrets are never logged.</param>
    public OAuthClient(HttpClient httpClient, IOptionsMonitor<CarbonVoiceOptions> options, TimeProvider? timeProvider = null, ILogger<OAuthClient>? logger = null)
        : this(() => httpClient, options, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    /// <summary>Creates the client over an <see cref="HttpClient"/> with fixed options (scripts and tests without dependency injection).</summary>
    /// <param name="httpClient">The HTTP client; its handlers must not add credentials.</param>
    /// <param name="options">The SDK options.</param>
    /// <param name="timeProvider">The clock used for token expiry and the metadata cache.</param>
    public OAuthClient(HttpClient httpClient, CarbonVoiceOptions options, TimeProvider? timeProvider = null)
        : this(httpClient, new StaticOptionsMonitor<CarbonVoiceOptions>(options ?? throw new ArgumentNullException(nameof(options))), timeProvider)
    {
    }

    internal OAuthClient(Func<HttpClient> httpClientFactory, IOptionsMonitor<CarbonVoiceOptions> options, TimeProvider? timeProvider, ILogger<OAuthClient>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClientFactory;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public virtual async Task<AuthorizationServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.CurrentValue;
        if (Cached(options) is { } cached)
        {
            return cached;
        }

        await _metadataGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Cached(options) is { } again)
            {
                return again;
            }

            var metadata = await FetchMetadataAsync(options, cancellationToken).ConfigureAwait(false);
            _metadata = new CachedMetadata(metadata, _time.GetUtcNow(), options.BaseAddress);
            return metadata;
        }
        finally
        {
            _metadataGate.Release();
        }
    }

    /// <inheritdoc />
    public virtual async Task<AuthorizationRequest> CreateAuthorizationRequestAsync(string state, AuthorizationRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var settings = _options.CurrentValue;
        var clientId = settings.ClientId ?? throw new InvalidOperationException("CarbonVoice:ClientId is not configured.");
        var redirectUri = options?.RedirectUri ?? settings.RedirectUri
            ?? throw new InvalidOperationException("No redirect URI: set CarbonVoice:RedirectUri (CARBONVOICE_REDIRECT_URI) or pass one.");
        var metadata = await GetServerMetadataAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = metadata.AuthorizationEndpoint ?? Endpoint(settings, "oauth/authorize");
        var scopes = options?.Scopes ?? settings.Scopes.ToList();
        var usePkce = options?.UsePkce ?? settings.UsePkce;
        var verifier = usePkce ? Pkce.CreateCodeVerifier() : null;
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", redirectUri.AbsoluteUri),
            new("state", state),
        };
        if (scopes.Count > 0)
        {
            query.Add(new("scope", string.Join(' ', scopes)));
        }

        if (verifier is not null)
        {
            query.Add(new("code_challenge", Pkce.CreateS256Challenge(verifier)));
            query.Add(new("code_challenge_method", "S256"));
        }

        foreach (var extra in options?.ExtraParameters ?? new Dictionary<string, string>())
        {
            query.Add(extra);
        }

        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        var url = new Uri(endpoint.AbsoluteUri + separator + string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
        return new AuthorizationRequest(url, state, verifier, redirectUri);
    }

    /// <inheritdoc />
    public virtual Task<CarbonVoiceToken> ExchangeCodeAsync(string code, string? codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var settings = _options.CurrentValue;
        var redirect = redirectUri ?? settings.RedirectUri
            ?? throw new InvalidOperationException("No redirect URI: set CarbonVoice:RedirectUri (CARBONVOICE_REDIRECT_URI) or pass one.");
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirect.AbsoluteUri),
        };
        if (codeVerifier is not null)
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        return RequestTokenAsync(form, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<CarbonVoiceToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return RefreshAsync(refreshToken, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task RevokeTokenAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var settings = _options.CurrentValue;
        var metadata = await GetServerMetadataAsync(cancellationToken).ConfigureAwait(false);
        var form = new List<KeyValuePair<string, string>> { new("token", token) };
        if (tokenTypeHint is not null)
        {
            form.Add(new("token_type_hint", tokenTypeHint));
        }

        AddClientCredentials(form, settings);
        using var request = Post(metadata.RevocationEndpoint ?? Endpoint(settings, "oauth/revoke"), form, "POST /oauth/revoke", idempotent: true);
        await CarbonVoiceConnection.SendAsync(_http(), request, "POST /oauth/revoke", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<UserInfo> GetUserInfoAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        var settings = _options.CurrentValue;
        var metadata = await GetServerMetadataAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, metadata.UserinfoEndpoint ?? Endpoint(settings, "oauth/userinfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Prepare(request, "GET /oauth/userinfo", idempotent: true);
        var body = await CarbonVoiceConnection.SendAsync(_http(), request, "GET /oauth/userinfo", cancellationToken).ConfigureAwait(false);
        return CarbonVoiceConnection.Deserialize("GET /oauth/userinfo", body, CarbonVoiceJsonContext.Default.UserInfo, wrapper: "user");
    }

    private AuthorizationServerMetadata? Cached(CarbonVoiceOptions options)
        => _metadata is { } entry && entry.BaseAddress == options.BaseAddress && _time.GetUtcNow() - entry.FetchedAt < options.MetadataCacheDuration
            ? entry.Metadata
            : null;

    private async Task<AuthorizationServerMetadata> FetchMetadataAsync(CarbonVoiceOptions options, CancellationToken cancellationToken)
    {
        const string endpoint = "GET /.well-known/oauth-authorization-server";
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(options, ".well-known/oauth-authorization-server"));
        Prepare(request, endpoint, idempotent: true);
        try
        {
            var body = await CarbonVoiceConnection.SendAsync(_http(), request, endpoint, cancellationToken).ConfigureAwait(false);
            var metadata = CarbonVoiceConnection.Deserialize(endpoint, body, CarbonVoiceJsonContext.Default.AuthorizationServerMetadata);
            Log.MetadataFetched(_logger, metadata.Issuer ?? options.BaseAddress.AbsoluteUri);
            return metadata;
        }
        catch (CarbonVoiceException exception) when (exception is CarbonVoiceNotFoundException or CarbonVoiceMalformedResponseException
            or CarbonVoiceAuthenticationException or CarbonVoiceForbiddenException)
        {
            // No usable document (absent, an HTML app shell, unreadable or protected): the metadata is optional.
            Log.MetadataUnavailable(_logger, options.BaseAddress);
            return new AuthorizationServerMetadata
            {
                Issuer = options.BaseAddress.AbsoluteUri.TrimEnd('/'),
                AuthorizationEndpoint = Endpoint(options, "oauth/authorize"),
                TokenEndpoint = Endpoint(options, "oauth/token"),
                UserinfoEndpoint = Endpoint(options, "oauth/userinfo"),
                RevocationEndpoint = Endpoint(options, "oauth/revoke"),
            };
        }
    }

    /// <summary>
    /// A refused refresh is <see cref="CarbonVoiceTokenExpiredException"/> whatever the error body: RFC 6749's
    /// <c>invalid_grant</c>, or Carbon Voice's own <c>{"success": false, "errmsg"}</c> with a 400.
    /// </summary>
    private async Task<CarbonVoiceToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            return await RequestTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken).ConfigureAwait(false);
        }
        catch (CarbonVoiceValidationException exception) when (exception.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new CarbonVoiceTokenExpiredException(
                exception.Message,
                details: new CarbonVoiceErrorDetails(exception.StatusCode, exception.Endpoint, exception.RequestId, exception.ErrorMessage, exception.ErrorCode, exception.ResponseBodyExcerpt));
        }
    }

    private async Task<CarbonVoiceToken> RequestTokenAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        const string endpoint = "POST /oauth/token";
        var settings = _options.CurrentValue;
        var metadata = await GetServerMetadataAsync(cancellationToken).ConfigureAwait(false);
        AddClientCredentials(form, settings);
        using var request = Post(metadata.TokenEndpoint ?? Endpoint(settings, "oauth/token"), form, endpoint, idempotent: false);
        var body = await CarbonVoiceConnection.SendAsync(_http(), request, endpoint, cancellationToken).ConfigureAwait(false);
        var response = CarbonVoiceConnection.Deserialize(endpoint, body, CarbonVoiceJsonContext.Default.TokenResponse);
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new CarbonVoiceMalformedResponseException($"Carbon Voice {endpoint} answered without an access_token.", new CarbonVoiceErrorDetails(HttpStatusCode.OK, endpoint));
        }

        var now = _time.GetUtcNow();
        return new CarbonVoiceToken
        {
            AccessToken = response.AccessToken,
            IssuedAt = now,
            RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? null : response.RefreshToken,
            TokenType = response.TokenType ?? "Bearer",
            ExpiresAt = ExpiresIn(response.ExpiresIn) is { } seconds ? now.AddSeconds(seconds) : JwtExpiry.TryRead(response.AccessToken) ?? now.Add(DefaultLifetime),
            Scopes = response.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };
    }

    private static double? ExpiresIn(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        { ValueKind: JsonValueKind.String } text when double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static void AddClientCredentials(List<KeyValuePair<string, string>> form, CarbonVoiceOptions settings)
    {
        form.Add(new("client_id", settings.ClientId ?? throw new InvalidOperationException("CarbonVoice:ClientId is not configured.")));
        if (!string.IsNullOrEmpty(settings.ClientSecret))
        {
            form.Add(new("client_secret", settings.ClientSecret));
        }
    }

    private static HttpRequestMessage Post(Uri uri, List<KeyValuePair<string, string>> form, string endpoint, bool idempotent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        Prepare(request, endpoint, idempotent);
        return request;
    }

    private static void Prepare(HttpRequestMessage request, string endpoint, bool idempotent)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(CarbonVoiceRequestOptions.Endpoint, endpoint);
        request.Options.Set(CarbonVoiceRequestOptions.Idempotent, idempotent);
        request.Options.Set(CarbonVoiceRequestOptions.Anonymous, true);
    }

    private static Uri Endpoint(CarbonVoiceOptions options, string path)
        => new(new Uri(options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress.AbsoluteUri : options.BaseAddress.AbsoluteUri + "/"), path);

    /// <summary>An immutable cache entry, swapped atomically.</summary>
    private sealed record CachedMetadata(AuthorizationServerMetadata Metadata, DateTimeOffset FetchedAt, Uri BaseAddress);
}
