using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IConversationsClient"/>. Members are virtual so tests can override them.</summary>
public class ConversationsClient : IConversationsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ConversationsClient()
    {
        _connection = null!;
    }

    internal ConversationsClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Conversation>> ListAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        return (await _connection.GetAsync("GET /channels/{workspace_guid}", PathBuilder.Format("channels/{0}", workspaceId), CarbonVoiceJsonContext.Default.ApiListConversation, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Conversation>> ListAvailableAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        return (await _connection.GetAsync("GET /channels/{workspace_guid}/available", PathBuilder.Format("channels/{0}/available", workspaceId), CarbonVoiceJsonContext.Default.ApiListConversation, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    public virtual Task<Conversation> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return _connection.GetAsync("GET /v2/channel/{channel_guid}", PathBuilder.Format("v2/channel/{0}", conversationId), CarbonVoiceJsonContext.Default.Conversation, cancellationToken, wrapper: "channel");
    }

    /// <inheritdoc />
    public virtual Task<Conversation> GetV1Async(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return _connection.GetAsync("GET /channel/{channel_guid}", PathBuilder.Format("channel/{0}", conversationId), CarbonVoiceJsonContext.Default.Conversation, cancellationToken, wrapper: "channel");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Collaborator>> ListCollaboratorsAsync(string workspaceId, string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return (await _connection.GetAsync(
            "GET /channel/collaborators/{workspace_guid}/{channel_guid}",
            PathBuilder.Format("channel/collaborators/{0}/{1}", workspaceId, conversationId),
            CarbonVoiceJsonContext.Default.ApiListCollaborator,
            cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    public virtual Task<ConversationSummary> GetSummaryAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return _connection.GetAsync("GET /channels/{channel_id}/summary", PathBuilder.Format("channels/{0}/summary", conversationId), CarbonVoiceJsonContext.Default.ConversationSummary, cancellationToken, wrapper: "summary");
    }

    /// <inheritdoc />
    public virtual async Task<ConversationSummary?> FindSummaryAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        try
        {
            return await GetSummaryAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (CarbonVoiceNotFoundException)
        {
            return null;
        }
    }
}
