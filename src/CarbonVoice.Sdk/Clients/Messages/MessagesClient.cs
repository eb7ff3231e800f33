using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IMessagesClient"/>. Members are virtual so tests can override them.</summary>
public class MessagesClient : IMessagesClient
{
    /// <summary>The most ids one <c>POST /v5/messages/by-ids</c> request carries.</summary>
    public const int MaxBatchSize = 500;

    private const int MaxRecentPageSize = 100;
    private const int MaxByChannelPageSize = 500;
    private const int MaxIdsPageSize = 1000;

    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected MessagesClient()
    {
        _connection = null!;
    }

    internal MessagesClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual Task<Message> GetAsync(string messageId, MessageGetOptions? options = null, CancellationToken cancellationToken = default)
        => GetOneAsync("GET /v5/messages/{id}", "v5/messages/{0}", messageId, options, CarbonVoiceJsonContext.Default.Message, cancellationToken);

    /// <inheritdoc />
    public virtual Task<MessageV6> GetV6Async(string messageId, MessageGetOptions? options = null, CancellationToken cancellationToken = default)
        => GetOneAsync("GET /v6/messages/{id}", "v6/messages/{0}", messageId, options, CarbonVoiceJsonContext.Default.MessageV6, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<MessageV6>> GetByIdsV6Async(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(messageIds);
        return IdBatchPaging.FetchInBatchesAsync(
            messageIds,
            MaxBatchSize,
            async (batch, ct) => (await _connection.PostAsync(
                "POST /v6/messages/by-ids",
                PathBuilder.Format("v6/messages/by-ids"),
                new MessagesByIdsBody(conversationId, batch),
                CarbonVoiceJsonContext.Default.MessagesByIdsBody,
                CarbonVoiceJsonContext.Default.ApiListMessageV6,
                idempotent: true,
                ct).ConfigureAwait(false)).Items,
            message => message.Id,
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<MessageV6> ListHistoryAsync(MessageFeedOptions? options = null)
        => ListFeed("GET /v6/messages", "v6/messages", options, MessageDirections.Older, message => message.CreatedAt);

    /// <inheritdoc />
    public virtual CarbonVoicePageable<MessageV6> ListUpdatesAsync(MessageFeedOptions? options = null)
        => ListFeed("GET /v6/messages/updates", "v6/messages/updates", options, MessageDirections.Newer, message => message.UpdatedAt);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<Message>> GetByIdsAsync(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(messageIds);
        return IdBatchPaging.FetchInBatchesAsync(messageIds, MaxBatchSize, (batch, ct) => PostByIdsAsync(conversationId, batch, ct), message => message.Id, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<LegacyMessage> GetV3Async(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return _connection.GetAsync("GET /v3/messages/{id}", PathBuilder.Format("v3/messages/{0}", messageId), CarbonVoiceJsonContext.Default.LegacyMessage, cancellationToken, wrapper: "message");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<MessageIndexEntry>> ListIndexAsync(string channelId, MessageIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        if (options?.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, "options.Limit");
        }

        var direction = DateCursorPaging.NormalizeDirection(options?.Direction, "options.Direction");
        var list = await _connection.GetAsync(
            "GET /messages/{channel_id}/index",
            PathBuilder.Format("messages/{0}/index", channelId)
                .Add("limit", options?.Limit)
                .Add("direction", direction),
            CarbonVoiceJsonContext.Default.ApiListMessageIndexEntry,
            cancellationToken).ConfigureAwait(false);
        return list.Items;
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<string> ListIdsAsync(string conversationId, int? pageSize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ValidateOptional(pageSize, MaxIdsPageSize, nameof(pageSize));
        return CursorPaging.Create((cursor, size, ct) => FetchIdsAsync(conversationId, cursor, size ?? pageSize, ct), id => id);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<Message> ListAllAsync(string conversationId, MessageListAllOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ValidateOptional(options?.IdsPageSize, MaxIdsPageSize, "options.IdsPageSize");
        ValidateOptional(options?.BatchSize, MaxBatchSize, "options.BatchSize");
        return IdBatchPaging.Create(
            (cursor, size, ct) => FetchIdsAsync(conversationId, cursor, size ?? options?.IdsPageSize, ct),
            options?.BatchSize ?? MaxBatchSize,
            (batch, ct) => PostByIdsAsync(conversationId, batch, ct),
            message => message.Id);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<LegacyMessage> ListByChannelAsync(string channelId, DateCursorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var direction = DateCursorPaging.NormalizeDirection(options?.Direction, "options.Direction");
        return DateCursorPaging.Create(
            options?.Date,
            direction,
            options?.PageSize ?? DateCursorPaging.DefaultPageSize,
            MaxByChannelPageSize,
            (date, limit, ct) => GetLegacyListAsync(
                "GET /v3/messages/{channel_id}/by-id",
                PathBuilder.Format("v3/messages/{0}/by-id", channelId)
                    .Add("limit", limit)
                    .Add("date", date is { } value ? DateCursorToken.FormatDate(value) : null)
                    .Add("direction", direction),
                ct),
            message => message.Id,
            message => message.CreatedAt);
    }

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<LegacyMessage>> GetSequenceWindowAsync(string channelId, int start, int stop, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentOutOfRangeException.ThrowIfLessThan(start, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stop, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((long)stop - start, SequencePaging.MaxPageSize, nameof(stop));
        return FetchWindowAsync(channelId, start, stop, cancellationToken);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<LegacyMessage> ListSequentialAsync(string channelId, SequentialListOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        options ??= new SequentialListOptions();
        return SequencePaging.Create(
            options.StartSequence,
            options.EndSequence,
            options.PageSize,
            (start, stop, ct) => FetchWindowAsync(channelId, start, stop, ct),
            message => message.Id);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<LegacyMessage> ListRecentAsync(RecentMessagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var direction = DateCursorPaging.NormalizeDirection(options.Direction, "options.Direction");
        return ListByDate(
            "POST /v3/messages/recent",
            "v3/messages/recent",
            options.Date,
            direction,
            options.PageSize,
            options.UseLastUpdated,
            options.ChannelId);
    }

    /// <inheritdoc />
    public virtual CarbonVoicePageable<LegacyMessage> ListNotifiedAsync(DateTimeOffset since, NotifiedMessagesOptions? options = null)
        => ListByDate(
            "POST /v3/messages/notified",
            "v3/messages/notified",
            since,
            MessageDirections.Newer,
            options?.PageSize,
            useLastUpdated: true,
            options?.ChannelId);

    /// <inheritdoc />
    public virtual CarbonVoicePageable<LegacyMessage> SearchAsync(MessageSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Query, nameof(request));
        return CursorPaging.Create(
            (cursor, size, ct) => _connection.PostAsync(
                "POST /v3/search",
                PathBuilder.Format("v3/search"),
                new MessageSearchBody(request.Query, request.WorkspaceId, request.ChannelId, size ?? request.PageSize, cursor),
                CarbonVoiceJsonContext.Default.MessageSearchBody,
                CarbonVoiceJsonContext.Default.ApiListLegacyMessage,
                idempotent: true,
                ct),
            message => message.Id);
    }

    /// <summary>One message by id (v5 and v6 both wrap it as <c>{"message": ...}</c>).</summary>
    private Task<T> GetOneAsync<T>(string endpoint, string template, string messageId, MessageGetOptions? options, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return _connection.GetAsync(
            endpoint,
            PathBuilder.Format(template, messageId)
                .Add("language", options?.Language)
                .Add("presigned_url", options?.PresignedUrl)
                .Add("fresh", options?.Fresh),
            typeInfo,
            cancellationToken,
            wrapper: "message");
    }

    private CarbonVoicePageable<MessageV6> ListFeed(string endpoint, string path, MessageFeedOptions? options, string defaultDirection, Func<MessageV6, DateTimeOffset?> position)
    {
        var direction = DateCursorPaging.NormalizeDirection(options?.Direction ?? defaultDirection, "options.Direction");
        FeedPaging.ValidatePageSize(options?.PageSize, "options.PageSize");
        if (options?.ConversationId is { } conversationId)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(conversationId, "options.ConversationId");
        }

        return FeedPaging.Create(
            options?.PageSize,
            (cursor, limit, ct) => _connection.GetAsync(
                endpoint,
                PathBuilder.Format(path)
                    .Add("direction", direction)
                    .Add("date", cursor is null ? options?.Since : null)
                    .Add("cursor", cursor)
                    .Add("limit", limit)
                    .Add("conversation_id", options?.ConversationId)
                    .Add("language", options?.Language)
                    .Add("presigned_url", options?.PresignedUrl)
                    .Add("include_unchanged_content", options?.IncludeUnchangedContent),
                CarbonVoiceJsonContext.Default.ApiListMessageV6,
                ct),
            message => message.Id,
            message => message.UpdatedAt,
            position);
    }

    private CarbonVoicePageable<LegacyMessage> ListByDate(string endpoint, string path, DateTimeOffset date, string direction, int? pageSize, bool useLastUpdated, string? channelId)
    {
        Func<LegacyMessage, DateTimeOffset?> timestamp = useLastUpdated
            ? message => message.LastUpdatedAt ?? message.CreatedAt
            : message => message.CreatedAt;
        return DateCursorPaging.Create(
            date,
            direction,
            pageSize ?? DateCursorPaging.DefaultPageSize,
            MaxRecentPageSize,
            async (cursorDate, limit, ct) => (await _connection.PostAsync(
                endpoint,
                PathBuilder.Format(path),
                new MessagesByDateBody(DateCursorToken.FormatDate(cursorDate ?? date), direction, limit, useLastUpdated, channelId),
                CarbonVoiceJsonContext.Default.MessagesByDateBody,
                CarbonVoiceJsonContext.Default.ApiListLegacyMessage,
                idempotent: true,
                ct).ConfigureAwait(false)).Items,
            message => message.Id,
            timestamp);
    }

    private async Task<IReadOnlyList<Message>> PostByIdsAsync(string conversationId, IReadOnlyList<string> batch, CancellationToken cancellationToken)
        => (await _connection.PostAsync(
            "POST /v5/messages/by-ids",
            PathBuilder.Format("v5/messages/by-ids"),
            new MessagesByIdsBody(conversationId, batch),
            CarbonVoiceJsonContext.Default.MessagesByIdsBody,
            CarbonVoiceJsonContext.Default.ApiListMessage,
            idempotent: true,
            cancellationToken).ConfigureAwait(false)).Items;

    private async Task<ApiList<string>> FetchIdsAsync(string conversationId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var list = await _connection.GetAsync(
            "GET /v5/conversations/{id}/messages/ids",
            PathBuilder.Format("v5/conversations/{0}/messages/ids", conversationId)
                .Add("limit", limit)
                .Add("starting_after", cursor),
            CarbonVoiceJsonContext.Default.ApiListMessageIdEntry,
            cancellationToken).ConfigureAwait(false);
        var ids = list.Items.Select(entry => entry.Id).OfType<string>().ToList();
        return new ApiList<string>(ids, list.HasMore, list.NextCursor, list.Total);
    }

    private Task<IReadOnlyList<LegacyMessage>> FetchWindowAsync(string channelId, int start, int stop, CancellationToken cancellationToken)
        => GetLegacyListAsync(
            "GET /v3/messages/{channel_id}/sequential/{start}/{stop}",
            PathBuilder.Format("v3/messages/{0}/sequential/{1}/{2}", channelId, start.ToString(System.Globalization.CultureInfo.InvariantCulture), stop.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken);

    private async Task<IReadOnlyList<LegacyMessage>> GetLegacyListAsync(string endpoint, PathBuilder path, CancellationToken cancellationToken)
        => (await _connection.GetAsync(endpoint, path, CarbonVoiceJsonContext.Default.ApiListLegacyMessage, cancellationToken).ConfigureAwait(false)).Items;

    private static void ValidateOptional(int? value, int max, string parameterName)
    {
        if (value is { } size && (size < 1 || size > max))
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"Must be between 1 and {max}.");
        }
    }
}
