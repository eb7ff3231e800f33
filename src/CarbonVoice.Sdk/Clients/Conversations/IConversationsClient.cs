namespace CarbonVoice.Sdk;

/// <summary>Conversations (the API calls them channels): where messages are posted.</summary>
public interface IConversationsClient
{
    /// <summary>Lists the user's conversations in a workspace (<c>GET /channels/{workspace_guid}</c>, confirmed; not paged).</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="workspaceId"/> is null or blank.</exception>
    Task<IReadOnlyList<Conversation>> ListAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Lists the conversations of a workspace the user may join but has not joined (<c>GET /channels/{workspace_guid}/available</c>, listed by the integration guide only; not paged).</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="workspaceId"/> is null or blank.</exception>
    Task<IReadOnlyList<Conversation>> ListAvailableAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation with all its collaborators (<c>GET /v2/channel/{channel_guid}</c>, confirmed; a channel deleted on the service answers 403, not 404).</summary>
    /// <param name="conversationId">The conversation (channel) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is null or blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such conversation.</exception>
    Task<Conversation> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation in the v1 shape (<c>GET /channel/{channel_guid}</c>, confirmed), which carries <see cref="Conversation.DmHash"/> on direct messages.</summary>
    /// <param name="conversationId">The conversation (channel) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is null or blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such conversation.</exception>
    Task<Conversation> GetV1Async(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Lists the members of a conversation (<c>GET /channel/collaborators/{workspace_guid}/{channel_guid}</c>, listed by the integration guide only; not paged).</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="conversationId">The conversation (channel) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">An id is null or blank.</exception>
    Task<IReadOnlyList<Collaborator>> ListCollaboratorsAsync(string workspaceId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Reads the AI summary of a conversation (<c>GET /channels/{channel_id}/summary</c>, listed by the integration guide only).</summary>
    /// <param name="conversationId">The conversation (channel) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is null or blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">The conversation has no summary (or does not exist); see <see cref="FindSummaryAsync"/>.</exception>
    Task<ConversationSummary> GetSummaryAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Reads the AI summary of a conversation (<c>GET /channels/{channel_id}/summary</c>, listed by the integration guide only), or null when the service answers 404 (no summary yet).</summary>
    /// <param name="conversationId">The conversation (channel) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is null or blank.</exception>
    Task<ConversationSummary?> FindSummaryAsync(string conversationId, CancellationToken cancellationToken = default);
}
