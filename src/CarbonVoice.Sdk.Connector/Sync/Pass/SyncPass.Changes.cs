namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>The delta feed: messages created, edited or deleted since the last sync's high-water mark.</summary>
internal sealed partial class SyncPass
{
    private async Task SyncChangesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        Report(SyncPhase.Changes, CarbonVoiceEntities.Message, message: $"Changes since {since:O}");
        var pageSize = Math.Clamp(_options.NotifiedPageSize, 1, 100);
        await foreach (var page in _client.Messages.ListNotifiedAsync(since, new NotifiedMessagesOptions { PageSize = pageSize }).AsPages(null, pageSize, cancellationToken).ConfigureAwait(false))
        {
            var live = new List<RawRecordUpsert>();
            var deleted = new List<RawRecordKey>();
            foreach (var message in page.Items)
            {
                if (string.IsNullOrWhiteSpace(message.Id))
                {
                    continue;
                }

                var conversationId = message.ChannelIds?.FirstOrDefault();
                if (message.DeletedAt is not null || string.Equals(message.Status, "deleted", StringComparison.OrdinalIgnoreCase))
                {
                    if (Scope is null || await InScopeAsync(message.Id, conversationId, cancellationToken).ConfigureAwait(false))
                    {
                        deleted.Add(Key(CarbonVoiceEntities.Message, message.Id));
                    }

                    continue;
                }

                if (Scope is not null && (conversationId is null || !Scope.Contains(conversationId)))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(conversationId))
                {
                    RecordError("changes", CarbonVoiceEntities.Message, message.Id, "The changed message names no conversation.", container: false);
                    continue;
                }

                if (Build(CarbonVoiceEntities.Message, message.Id, message, conversationId, message.LastUpdatedAt) is { } record)
                {
                    live.Add(record);
                }
            }

            await StoreAsync(CarbonVoiceEntities.Message, live, cancellationToken).ConfigureAwait(false);
            await TombstoneAsync(CarbonVoiceEntities.Message, deleted, cancellationToken).ConfigureAwait(false);
            Report(SyncPhase.Changes, CarbonVoiceEntities.Message);
        }
    }

    /// <summary>Whether a deleted message belongs to the scoped conversations (by the feed's channel, else by the stored record's parent).</summary>
    private async Task<bool> InScopeAsync(string messageId, string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is null)
        {
            conversationId = (await _raw.GetAsync(Key(CarbonVoiceEntities.Message, messageId), cancellationToken).ConfigureAwait(false))?.ParentId;
        }

        return conversationId is not null && Scope!.Contains(conversationId);
    }
}
