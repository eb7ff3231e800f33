using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Testing;

internal static class Pkce
{
    public static bool Verify(string verifier, string challenge)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), hash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(hash)), Encoding.ASCII.GetBytes(challenge));
    }
}
