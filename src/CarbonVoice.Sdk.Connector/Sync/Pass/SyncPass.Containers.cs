namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Workspaces, their conversations and action items.</summary>
internal sealed partial class SyncPass
{
    private async Task<List<string>> SyncWorkspacesAsync(CancellationToken cancellationToken)
    {
        Report(SyncPhase.Workspaces, CarbonVoiceEntities.Workspace);
        var ids = new List<string>();
        var store = _enabled.Contains(CarbonVoiceEntities.Workspace);
        await foreach (var page in _client.Workspaces.ListAsync().AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var records = new List<RawRecordUpsert>();
            foreach (var workspace in page.Items)
            {
                if (string.IsNullOrWhiteSpace(workspace.Id) || ids.Contains(workspace.Id))
                {
                    continue;
                }

                ids.Add(workspace.Id);
                if (store && Build(CarbonVoiceEntities.Workspace, workspace.Id, workspace, null, workspace.LastUpdatedAt) is { } record)
                {
                    records.Add(record);
                }
            }

            await StoreAsync(CarbonVoiceEntities.Workspace, records, cancellationToken).ConfigureAwait(false);
            Report(SyncPhase.Workspaces, CarbonVoiceEntities.Workspace);
        }

        return ids;
    }

    private async Task SyncWorkspaceContentsAsync(string workspaceId, List<(string Id, string WorkspaceId)> conversations, CancellationToken cancellationToken)
    {
        Report(SyncPhase.Conversations, CarbonVoiceEntities.Channel);
        try
        {
            var listed = await _client.Conversations.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            var records = new List<RawRecordUpsert>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var deleted = new List<string>();
            foreach (var conversation in listed)
            {
                if (string.IsNullOrWhiteSpace(conversation.Id) || !seen.Add(conversation.Id) || !_conversationIds.Add(conversation.Id))
                {
                    continue;
                }

                if (conversation.DeletedAt is null)
                {
                    conversations.Add((conversation.Id, workspaceId));
                }
                else
                {
                    deleted.Add(conversation.Id);
                }

                if (_enabled.Contains(CarbonVoiceEntities.Channel)
                    && Build(CarbonVoiceEntities.Channel, conversation.Id, conversation, workspaceId, conversation.LastUpdatedAt) is { } record)
                {
                    records.Add(conversation.DeletedAt is null ? record : record with { IsDeleted = true });
                }
            }

            await StoreAsync(CarbonVoiceEntities.Channel, records, cancellationToken).ConfigureAwait(false);
            if (!IsDelta && _enabled.Contains(CarbonVoiceEntities.Channel))
            {
                deleted.AddRange(await SweepAsync(CarbonVoiceEntities.Channel, workspaceId, seen, cancellationToken).ConfigureAwait(false));
            }

            // The messages of a deleted conversation go with it.
            foreach (var conversationId in deleted)
            {
                await SweepAsync(CarbonVoiceEntities.Message, conversationId, [], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!IsRunStopping(ex))
        {
            RecordError("conversations", CarbonVoiceEntities.Channel, workspaceId, ex.Message, container: true);
        }

        if (_enabled.Contains(CarbonVoiceEntities.ActionItem) && Scope is null)
        {
            await SyncActionItemsAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SyncActionItemsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        Report(SyncPhase.Conversations, CarbonVoiceEntities.ActionItem);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var page in _client.ActionItems.ListAsync("workspace", workspaceId).AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var records = new List<RawRecordUpsert>();
                foreach (var item in page.Items)
                {
                    if (!string.IsNullOrWhiteSpace(item.Id) && seen.Add(item.Id)
                        && Build(CarbonVoiceEntities.ActionItem, item.Id, item, workspaceId, item.UpdatedAt) is { } record)
                    {
                        records.Add(item.DeletedAt is null ? record : record with { IsDeleted = true });
                    }
                }

                await StoreAsync(CarbonVoiceEntities.ActionItem, records, cancellationToken).ConfigureAwait(false);
            }

            if (!IsDelta)
            {
                await SweepAsync(CarbonVoiceEntities.ActionItem, workspaceId, seen, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!IsRunStopping(ex))
        {
            RecordError("action_items", CarbonVoiceEntities.ActionItem, workspaceId, ex.Message, container: true);
        }
    }

    /// <summary>After a complete listing of a parent's children, tombstones the stored children the listing no longer has.</summary>
    private async Task<IEnumerable<string>> SweepAsync(string entityType, string parentId, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var gone = new List<RawRecordKey>();
        string? after = null;
        while (true)
        {
            var page = await _raw.ListByParentAsync(_tenantId, _connectorId, entityType, parentId, after, 500, cancellationToken: cancellationToken).ConfigureAwait(false);
            gone.AddRange(page.Where(r => !seen.Contains(r.Key.ExternalId)).Select(r => r.Key));
            if (page.Count < 500)
            {
                break;
            }

            after = page[^1].Key.ExternalId;
        }

        await TombstoneAsync(entityType, gone, cancellationToken).ConfigureAwait(false);
        return gone.Select(k => k.ExternalId);
    }
}
