using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// The secret the control API (<c>/_emulator/...</c>) requires in the <see cref="HeaderName"/> header. A custom header
/// also keeps a web page from driving the control API: a browser sends one cross-origin only after a preflight the
/// emulator never approves.
/// </summary>
internal static class ControlKey
{
    public const string HeaderName = "X-Emulator-Control-Key";

    /// <summary>A new random key (32 bytes, base64url).</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    /// <summary>Whether the request presents the key; answers 401 when it does not.</summary>
    public static bool Check(RequestContext context)
    {
        var presented = context.Request.ControlKey;
        if (presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(context.Emulator.ControlKey)))
        {
            return true;
        }

        context.Error(401, $"The control API needs the {HeaderName} header (the emulator prints the key at start; in-process: CarbonVoiceEmulator.ControlKey).");
        return false;
    }
}
