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

                if (message.DeletedAt is not null || string.Equals(message.Status, "deleted", StringComparison.OrdinalIgnoreCase))
                {
                    deleted.Add(Key(CarbonVoiceEntities.Message, message.Id));
                    continue;
                }

                var conversationId = message.ChannelIds?.FirstOrDefault();
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
}
