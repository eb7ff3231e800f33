namespace CarbonVoice.Sdk;

/// <summary>Messages: voice, text and attachment posts of a conversation, with their transcripts.</summary>
public interface IMessagesClient
{
    /// <summary>Reads a message in the v5 shape (<c>GET /v5/messages/{id}</c>; the <c>{"message": ...}</c> wrapper is removed).</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="options">Transcript language, presigned URLs, cache bypass.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceNotFoundException">No such message.</exception>
    Task<Message> GetAsync(string messageId, MessageGetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads messages of one conversation by id (<c>POST /v5/messages/by-ids</c>). An empty <paramref name="messageIds"/>
    /// returns an empty list without a request; more than <see cref="MessagesClient.MaxBatchSize"/> ids are read in
    /// several requests. The result follows the order of <paramref name="messageIds"/>; blank and repeated ids are dropped,
    /// and ids the service does not return (deleted, not visible) are absent.
    /// </summary>
    /// <param name="conversationId">The conversation the messages belong to (required by the service).</param>
    /// <param name="messageIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is blank.</exception>
    Task<IReadOnlyList<Message>> GetByIdsAsync(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of a conversation's messages in sequence order (<c>GET /v5/conversations/{id}/messages/ids</c>, cursor paged).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="pageSize">Ids per page, 1–1000; the service's default (100) when null.</param>
    CarbonVoicePageable<string> ListIdsAsync(string conversationId, int? pageSize = null);

    /// <summary>
    /// Lists every message of a conversation in the v5 shape, in sequence order: each page of ids
    /// (<c>GET /v5/conversations/{id}/messages/ids</c>) is read with <c>POST /v5/messages/by-ids</c> in batches.
    /// One page of messages is in memory at a time; the continuation token is the ids cursor.
    /// </summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="options">Ids page size and by-ids batch size.</param>
    CarbonVoicePageable<Message> ListAllAsync(string conversationId, MessageListAllOptions? options = null);

    /// <summary>
    /// Lists a channel's messages by date (<c>GET /v3/messages/{channel_id}/by-id</c>, date-cursor paged: <c>date</c>,
    /// <c>direction</c>, <c>limit</c>). Messages that share the timestamp at a page boundary are neither lost nor repeated.
    /// </summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="options">Start date, direction (older by default) and page size.</param>
    CarbonVoicePageable<LegacyMessage> ListByChannelAsync(string channelId, DateCursorOptions? options = null);

    /// <summary>Reads the messages whose sequence number is in [<paramref name="start"/>, <paramref name="stop"/>] (<c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>); empty past the end.</summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="start">The first sequence number (1-based, inclusive).</param>
    /// <param name="stop">The last sequence number (inclusive); at most 499 after <paramref name="start"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LegacyMessage>> GetSequenceWindowAsync(string channelId, int start, int stop, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists a channel's messages in sequence order, one window of sequence numbers per request
    /// (<c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>). Without an end sequence the list ends at the
    /// first empty window; the continuation token is the next start sequence.
    /// </summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="options">Start and end sequence, window size (100–500 recommended, 100 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">The window size is outside 1–500, or the sequence range is invalid.</exception>
    CarbonVoicePageable<LegacyMessage> ListSequentialAsync(string channelId, SequentialListOptions? options = null);

    /// <summary>
    /// Lists recent messages across channels, or of one channel (<c>POST /v3/messages/recent</c>, date-cursor paged).
    /// Messages that share the timestamp at a page boundary are neither lost nor repeated.
    /// </summary>
    /// <param name="options">Start date, direction, page size, <c>use_last_updated</c> and channel.</param>
    CarbonVoicePageable<LegacyMessage> ListRecentAsync(RecentMessagesOptions options);

    /// <summary>
    /// Lists the messages created, edited or deleted since a date, oldest change first (<c>POST /v3/messages/notified</c>,
    /// date-cursor paged on <c>last_updated_at</c>): the feed of a delta sync. Deleted messages come with
    /// <see cref="LegacyMessage.DeletedAt"/> set and status <c>deleted</c>. The date is inclusive: messages changed at
    /// exactly <paramref name="since"/> come again.
    /// </summary>
    /// <param name="since">The date to start from (inclusive).</param>
    /// <param name="options">Page size and channel.</param>
    CarbonVoicePageable<LegacyMessage> ListNotifiedAsync(DateTimeOffset since, NotifiedMessagesOptions? options = null);

    /// <summary>Searches messages (<c>POST /v3/search</c>, cursor paged with <c>starting_after</c> in the body).</summary>
    /// <param name="request">The query and filters.</param>
    CarbonVoicePageable<LegacyMessage> SearchAsync(MessageSearchRequest request);
}
