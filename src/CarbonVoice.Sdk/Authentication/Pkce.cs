using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk;

/// <summary>PKCE (RFC 7636) helpers: a random code verifier and its S256 challenge.</summary>
public static class Pkce
{
    /// <summary>Creates a random 64-character code verifier (base64url of 48 random bytes).</summary>
    public static string CreateCodeVerifier() => Base64Url(RandomNumberGenerator.GetBytes(48));

    /// <summary>The S256 code challenge of a verifier: base64url(SHA-256(verifier)).</summary>
    /// <param name="codeVerifier">The verifier.</param>
    public static string CreateS256Challenge(string codeVerifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeVerifier);
        return Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
    }

    /// <summary>Creates a random, URL-safe <c>state</c> value (32 random bytes).</summary>
    public static string CreateState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    internal static string Base64Url(ReadOnlySpan<byte> bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
