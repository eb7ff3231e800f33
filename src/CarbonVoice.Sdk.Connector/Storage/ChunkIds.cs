using System.Globalization;
using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector;

/// <summary>Deterministic chunk ids, so that re-ingesting a source upserts the same rows.</summary>
public static class ChunkIds
{
    /// <summary>The id of chunk <paramref name="index"/> of a source: 32 hex characters of SHA-256 over the tenant, connector, source key and index.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="sourceKey">The source key.</param>
    /// <param name="index">The chunk index.</param>
    public static string For(string tenantId, string connectorId, string sourceKey, int index)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(connectorId);
        ArgumentNullException.ThrowIfNull(sourceKey);
        Span<char> number = stackalloc char[11];
        index.TryFormat(number, out var digits, provider: CultureInfo.InvariantCulture);
        using var hash = new Sha256Text();
        return hash.Append(tenantId).Append('\u001f').Append(connectorId).Append('\u001f').Append(sourceKey).Append('\u001f').Append(number[..digits]).ToHex(16);
    }
}
