using System.Globalization;
using System.Net;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// A token endpoint that rotates refresh tokens like Carbon Voice: each refresh with the current refresh token issues
/// <c>at-N</c>/<c>rt-N</c> and revokes the old one; any other refresh token gets <c>invalid_grant</c>.
/// </summary>
internal sealed class RotatingTokenEndpoint
{
    private readonly Lock _sync = new();
    private int _issued;
    private int _refused;

    public RotatingTokenEndpoint(MockHttpMessageHandler mock, string currentRefreshToken)
    {
        CurrentRefreshToken = currentRefreshToken;
        mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async request =>
        {
            var form = await request.Content!.ReadAsStringAsync();
            var sent = form.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == "refresh_token").Select(p => Uri.UnescapeDataString(p[1])).Single();
            lock (_sync)
            {
                if (sent != CurrentRefreshToken)
                {
                    _refused++;
                    return Responses.Json(HttpStatusCode.BadRequest, TokenJson.Error("invalid_grant", "refresh token revoked"));
                }

                _issued++;
                var n = _issued.ToString(CultureInfo.InvariantCulture);
                CurrentRefreshToken = "rt-" + n;
                return Responses.Json(HttpStatusCode.OK, TokenJson.Token("at-" + n, CurrentRefreshToken));
            }
        });
    }

    /// <summary>The only refresh token the endpoint accepts now.</summary>
    public string CurrentRefreshToken { get; private set; }

    public int Issued
    {
        get
        {
            lock (_sync)
            {
                return _issued;
            }
        }
    }

    public int Refused
    {
        get
        {
            lock (_sync)
            {
                return _refused;
            }
        }
    }
}
