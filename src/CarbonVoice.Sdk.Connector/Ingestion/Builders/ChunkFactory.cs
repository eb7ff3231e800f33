namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Turns drafts of one source into chunks: deterministic ids, sequential indexes, pillar and content hash (the drafts' token counts are kept: no text is counted again).</summary>
internal sealed class ChunkFactory(IPillarMapper pillars)
{
    public List<Chunk> Create(string tenantId, string connectorId, string sourceKey, string entityType, string? workspaceId, string? conversationId, string? conversationName, IReadOnlyList<ChunkDraft> drafts)
    {
        var hint = CarbonVoiceEntities.Find(entityType)?.PillarHint ?? string.Empty;
        var chunks = new List<Chunk>(drafts.Count);
        for (var index = 0; index < drafts.Count; index++)
        {
            var draft = drafts[index];
            var pillar = pillars.MapPillar(new PillarMappingContext(entityType, hint, draft.Text, conversationName));
            chunks.Add(new Chunk
            {
                ChunkId = ChunkIds.For(tenantId, connectorId, sourceKey, index),
                TenantId = tenantId,
                ConnectorId = connectorId,
                SourceKey = sourceKey,
                Index = index,
                EntityType = entityType,
                WorkspaceId = workspaceId,
                ConversationId = conversationId,
                Pillar = pillar,
                Text = draft.Text,
                TokenCount = draft.Tokens,
                ContentHash = Hash(pillar, draft, workspaceId, conversationId),
                Metadata = draft.Metadata,
            });
        }

        return chunks;
    }

    private static string Hash(string pillar, ChunkDraft draft, string? workspaceId, string? conversationId)
    {
        using var hash = new Sha256Text();
        hash.Append(pillar).Append('\u001f').Append(workspaceId).Append('\u001f').Append(conversationId).Append('\u001f').Append(draft.Text);
        foreach (var (key, value) in draft.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.Append('\u001f').Append(key).Append('=').Append(value);
        }

        return hash.ToHex();
    }
}
