using System.Text;

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
        var text = new StringBuilder()
            .Append(tenantId).Append('\u001f')
            .Append(connectorId).Append('\u001f')
            .Append(sourceKey).Append('\u001f')
            .Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToString();
        return RawContentHash.OfText(text)[..32];
    }
}
