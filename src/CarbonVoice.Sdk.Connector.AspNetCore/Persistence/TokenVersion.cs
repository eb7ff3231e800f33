using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The version of a stored token: a hash of its ciphertext. Data Protection encrypts with a fresh random IV every
/// time, so every write has a new version, and SQLite can compute it in a conditional UPDATE (registered as the
/// <c>token_version</c> function), which makes the compare-and-swap one atomic statement.
/// </summary>
internal static class TokenVersion
{
    /// <summary>The SQL function name.</summary>
    public const string SqlFunction = "token_version";

    /// <summary>The version of a stored ciphertext; null when there is none.</summary>
    public static string? Of(string? protectedToken)
        => protectedToken is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(protectedToken)).AsSpan(0, 16));
}
