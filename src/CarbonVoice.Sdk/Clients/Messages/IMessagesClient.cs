namespace CarbonVoice.Sdk;

/// <summary>
/// Messages: voice, text and attachment posts of a conversation, with their transcripts.
/// </summary>
/// <remarks>
/// To sync messages, use the v6 feeds, the routes PhononX's own clients sync with: <see cref="ListHistoryAsync"/> per
/// conversation for the history, <see cref="ListUpdatesAsync"/> from a persisted resume token for what changed since.
/// Each member names the route it calls and how well the route is known: <em>confirmed</em> (PhononX code calls it on the
/// live service) or <em>listed by the integration guide only</em> (its response shape is a guess the SDK reads leniently).
/// </remarks>
public interface IMessagesClient
{
    /// <summary>
    /// Lists messages by creation time (<c>GET /v6/messages</c>, confirmed): the history feed, per conversation with
    /// <see cref="MessageFeedOptions.ConversationId"/>; <see cref="MessageDirections.Older"/> by default, walking back from
    /// <see cref="MessageFeedOptions.Since"/> (or from the newest message). Deleted messages are left out.
    /// </summary>
    /// <remarks>
    /// Keyset paged: the first request is anchored by the date, later ones send only the service's cursor; the list ends
    /// when the service says <c>has_more: false</c>, never on a short page. The continuation token wraps the service's
    /// cursor: persist it and pass it to <see cref="CarbonVoicePageable{T}.AsPages"/> to resume (a bare cursor stored
    /// elsewhere is accepted too). A cursor the service cannot decode throws <see cref="CarbonVoiceInvalidCursorException"/>.
    /// </remarks>
    /// <param name="options">Anchor date, direction, page size (1–200), conversation, language, presigned URLs.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1–200 (the service answers 400 above 200).</exception>
    /// <exception cref="ArgumentException">The direction is neither <c>older</c> nor <c>newer</c>.</exception>
    CarbonVoicePageable<MessageV6> ListHistoryAsync(MessageFeedOptions? options = null);

    /// <summary>
    /// Lists the messages created <em>or changed</em> since a date, oldest change first (<c>GET /v6/messages/updates</c>,
    /// confirmed): the change feed of a delta sync. A changed status, transcript, tag, label, edit or reaction brings a
    /// message again with a newer <see cref="MessageV6.UpdatedAt"/>; a deleted one comes with <see cref="MessageV6.DeletedAt"/>.
    /// </summary>
    /// <remarks>
    /// Paged like <see cref="ListHistoryAsync"/>. The last page still carries the service's resume point in
    /// <see cref="CarbonVoicePage{T}.ResumeToken"/>: persist it (after storing the page) and pass it to
    /// <see cref="CarbonVoicePageable{T}.AsPages"/> on the next poll. The service re-delivers about 4 s of rows on a resume
    /// and moves a date-anchored first page back about 4 s: rows equal in id and <c>updated_at</c> to ones yielded before
    /// the token was issued are dropped, so a resumed poll yields each change once. On
    /// <see cref="CarbonVoiceInvalidCursorException"/> drop the stored token and start again from a date.
    /// </remarks>
    /// <param name="options">Anchor date (<see cref="MessageFeedOptions.Since"/>), page size (1–200), conversation, language.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1–200.</exception>
    /// <exception cref="ArgumentException">The direction is neither <c>older</c> nor <c>newer</c>.</exception>
    CarbonVoicePageable<MessageV6> ListUpdatesAsync(MessageFeedOptions? options = null);

    /// <summary>Reads a message in the v6 shape (<c>GET /v6/messages/{id}</c>, confirmed; the <c>{"message": ...}</c> wrapper is removed). A deleted message comes as its tombstone.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="options">Transcript language, presigned URLs, cache bypass.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceNotFoundException">No such message.</exception>
    Task<MessageV6> GetV6Async(string messageId, MessageGetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads messages of one conversation by id in the v6 shape (<c>POST /v6/messages/by-ids</c>, confirmed). An empty
    /// <paramref name="messageIds"/> returns an empty list without a request (the service answers 400 to an empty list);
    /// more than <see cref="MessagesClient.MaxBatchSize"/> ids are read in several requests. The result follows the order of
    /// <paramref name="messageIds"/>; blank and repeated ids are dropped, and ids the service does not return are absent.
    /// </summary>
    /// <param name="conversationId">The conversation the messages belong to (required by the service).</param>
    /// <param name="messageIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is blank.</exception>
    Task<IReadOnlyList<MessageV6>> GetByIdsV6Async(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default);

    /// <summary>Reads a message in the v5 shape (<c>GET /v5/messages/{id}</c>, confirmed; the <c>{"message": ...}</c> wrapper is removed).</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="options">Transcript language, presigned URLs, cache bypass.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceNotFoundException">No such message.</exception>
    Task<Message> GetAsync(string messageId, MessageGetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads messages of one conversation by id (<c>POST /v5/messages/by-ids</c>, confirmed). An empty <paramref name="messageIds"/>
    /// returns an empty list without a request; more than <see cref="MessagesClient.MaxBatchSize"/> ids are read in
    /// several requests. The result follows the order of <paramref name="messageIds"/>; blank and repeated ids are dropped,
    /// and ids the service does not return (deleted, not visible) are absent.
    /// </summary>
    /// <param name="conversationId">The conversation the messages belong to (required by the service).</param>
    /// <param name="messageIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is blank.</exception>
    Task<IReadOnlyList<Message>> GetByIdsAsync(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a message in the flat v3 shape (<c>GET /v3/messages/{id}</c>, confirmed; no envelope, a <c>{"message": ...}</c>
    /// wrapper is removed if one comes): the shape of the v3 lists, the socket and the webhooks.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such message.</exception>
    Task<LegacyMessage> GetV3Async(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists a channel's message index (<c>GET /messages/{channel_id}/index</c>, confirmed; query <c>limit</c> and
    /// <c>direction</c>): lightweight rows without transcripts (<c>message_id</c>, <c>parent_message_id</c>, <c>status</c>,
    /// <c>created_at</c>, ...). With <see cref="MessageDirections.Older"/> (the default) these are the channel's latest
    /// messages. One request, not paged (nothing confirms a cursor); the answer is read whether it is <c>{"results": [...]}</c>
    /// or a bare array. Filter by <see cref="MessageIndexEntry.ParentMessageId"/> to find a thread's replies, then read them
    /// with <see cref="GetByIdsV6Async"/>.
    /// </summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="options">The most rows and the direction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="channelId"/> is blank, or the direction is neither <c>older</c> nor <c>newer</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1.</exception>
    Task<IReadOnlyList<MessageIndexEntry>> ListIndexAsync(string channelId, MessageIndexOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of a conversation's messages in creation order (<c>GET /v5/conversations/{id}/messages/ids</c>, cursor paged; listed by the integration guide only).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="pageSize">Ids per page, 1–1000; the service's default (100) when null.</param>
    CarbonVoicePageable<string> ListIdsAsync(string conversationId, int? pageSize = null);

    /// <summary>
    /// Lists every message of a conversation in the v5 shape, in creation order: each page of ids
    /// (<c>GET /v5/conversations/{id}/messages/ids</c>, listed by the integration guide only) is read with
    /// <c>POST /v5/messages/by-ids</c> in batches. Prefer <see cref="ListHistoryAsync"/>, which is confirmed.
    /// One page of messages is in memory at a time; the continuation token is the ids cursor.
    /// </summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="options">Ids page size and by-ids batch size.</param>
    CarbonVoicePageable<Message> ListAllAsync(string conversationId, MessageListAllOptions? options = null);

    /// <summary>
    /// Lists a channel's messages by date (<c>GET /v3/messages/{channel_id}/by-id</c>, listed by the integration guide only;
    /// date-cursor paged: <c>date</c>, <c>direction</c>, <c>limit</c>). Messages that share the timestamp at a page boundary
    /// are neither lost nor repeated; a page shorter than asked (the service caps pages) does not end the list.
    /// </summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="options">Start date, direction (older by default) and page size.</param>
    CarbonVoicePageable<LegacyMessage> ListByChannelAsync(string channelId, DateCursorOptions? options = null);

    /// <summary>Reads the messages at positions [<paramref name="start"/>, <paramref name="stop"/>] of a channel (<c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>, listed by the integration guide only); empty past the end.</summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="start">The first sequence number (1-based, inclusive).</param>
    /// <param name="stop">The last sequence number (inclusive); at most 499 after <paramref name="start"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LegacyMessage>> GetSequenceWindowAsync(string channelId, int start, int stop, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists a channel's messages by position, one window of positions per request
    /// (<c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>, listed by the integration guide only: nothing
    /// confirms how the service numbers messages; prefer <see cref="ListHistoryAsync"/>). Without an end sequence the list ends at the
    /// first empty window; the continuation token is the next start sequence.
    /// </summary>
    /// <param name="channelId">The channel (conversation) id.</param>
    /// <param name="options">Start and end sequence, window size (100–500 recommended, 100 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">The window size is outside 1–500, or the sequence range is invalid.</exception>
    CarbonVoicePageable<LegacyMessage> ListSequentialAsync(string channelId, SequentialListOptions? options = null);

    /// <summary>
    /// Lists recent messages across channels, or of one channel (<c>POST /v3/messages/recent</c>, confirmed; date-cursor
    /// paged). Messages that share the timestamp at a page boundary are neither lost nor repeated. The service caps a page
    /// below the limit asked: a short page does not end the list, only an empty one (or a cursor that does not move) does.
    /// </summary>
    /// <param name="options">Start date, direction, page size, <c>use_last_updated</c> and channel.</param>
    CarbonVoicePageable<LegacyMessage> ListRecentAsync(RecentMessagesOptions options);

    /// <summary>
    /// Lists the caller's <em>unread</em> messages since a date (<c>POST /v3/messages/notified</c>, listed by the integration
    /// guide; "notified" is Carbon Voice's per-user unread flag): messages of others that the caller has not played yet.
    /// The caller's own messages never appear, a played or deleted message leaves the list and an edit does not bring one back, so this is
    /// <em>not</em> a change feed: sync changes with <see cref="ListUpdatesAsync"/>.
    /// </summary>
    /// <param name="since">The date to start from (inclusive).</param>
    /// <param name="options">Page size and channel.</param>
    CarbonVoicePageable<LegacyMessage> ListNotifiedAsync(DateTimeOffset since, NotifiedMessagesOptions? options = null);

    /// <summary>Searches messages (<c>POST /v3/search</c>, listed by the integration guide only; cursor paged with <c>starting_after</c> in the body).</summary>
    /// <param name="request">The query and filters.</param>
    CarbonVoicePageable<LegacyMessage> SearchAsync(MessageSearchRequest request);
}
