using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class ChunkEndpoints
{
    public static RouteGroupBuilder MapChunksApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{connector_id}/chunks", ListAsync).WithName("ListChunks").WithSummary("Pages through the connector's chunks (filter by pillar, conversation or entity type).");
        return group;
    }

    private static async Task<Results<Ok<ChunkPageResponse>, ProblemHttpResult>> ListAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        [FromQuery] string? pillar,
        [FromQuery(Name = "conversation_id")] string? conversationId,
        [FromQuery(Name = "entity_type")] string? entityType,
        [FromQuery(Name = "continuation_token")] string? continuationToken,
        [FromQuery(Name = "limit")] string? limitText,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        IChunkStore chunks,
        IOptions<PillarMappingOptions> pillars,
        CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (limit, invalidLimit) = QueryValues.Integer("limit", limitText, 1, 200);
        if (invalidLimit is not null)
        {
            return invalidLimit;
        }

        // Like entity_type: a pillar no chunk can have is a mistake, not an empty page.
        var known = KnownPillars(pillars.Value);
        if (pillar is not null && !known.Contains(pillar))
        {
            return Problems.Validation("pillar", $"Unknown pillar '{pillar}'. Known: {string.Join(", ", known)}.");
        }

        if (entityType is not null && CarbonVoiceEntities.Find(entityType) is null)
        {
            return Problems.Validation("entity_type", $"Unknown entity type '{entityType}'.");
        }

        var query = new ChunkQuery(connector!.TenantId, connector.Id) { Pillar = pillar, ConversationId = conversationId, EntityType = entityType };
        ChunkPage page;
        try
        {
            page = await chunks.QueryAsync(query, continuationToken, limit ?? 50, cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return Problems.Validation("continuation_token", "continuation_token is not one this API returned.");
        }

        var total = await chunks.CountAsync(query, cancellationToken);
        return TypedResults.Ok(new ChunkPageResponse([.. page.Items.Select(ChunkResponse.From)], page.ContinuationToken, total));
    }

    /// <summary>The pillars a chunk can have: the entities' hints, the default pillar and the keyword rules' pillars.</summary>
    internal static SortedSet<string> KnownPillars(PillarMappingOptions options)
        => new(CarbonVoiceEntities.All.Select(e => e.PillarHint).Append(options.DefaultPillar).Concat(options.Rules.Select(r => r.Pillar)).Where(p => !string.IsNullOrWhiteSpace(p)), StringComparer.Ordinal);
}
