using System.Text;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The <c>exp</c> claim of a JWT access token, whatever padding its base64url payload lacks.</summary>
public class JwtExpiryTests
{
    [Theory]
    [InlineData("")]
    [InlineData(",\"a\":\"x\"")]
    [InlineData(",\"a\":\"xy\"")]
    [InlineData(",\"a\":\"xyz\"")]
    public void The_exp_claim_is_read_for_every_payload_length(string filler)
    {
        var payload = "{\"exp\":1772370000" + filler + "}";
        var jwt = "h." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".s";

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772370000), JwtExpiry.TryRead(jwt));
    }

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.b")]
    [InlineData("h.!!!.s")]
    [InlineData("h.bm90IGpzb24.s")]
    [InlineData("h.eyJzdWIiOiJ4In0.s")]
    public void Anything_else_has_no_expiry(string token) => Assert.Null(JwtExpiry.TryRead(token));
}
